// Package framework is what every type of the service packages embeds or
// calls, so that a resource file holds only what is particular to it:
//
//   - the kind bases (ResourceBase, IdentifiedResourceBase, ListResourceBase,
//     DataSourceBase, EphemeralBase, ActionBase): type name, Metadata,
//     Configure, the "provider not configured" guard (Ready), WriteContext
//     for timeouts, the start of a resource's Read (StartRead, ReadFound),
//     its Delete (DeleteWithin) and an import by key (ImportByKey);
//     StableComputedString for schemas;
//   - ProviderData, what the provider's Configure hands every type;
//   - API-error diagnostics (AddAPIError) and conversions;
//   - lost-create recovery (CreateWithRecovery, FindWithCreateGrace);
//   - read batching (Batcher, BatcherFor): a refresh of many objects of a
//     kind answered from one shared list;
//   - identity (ProjectIdentity), list streaming (StreamListResults), moves
//     from the official provider (OfficialMove, MoveFrom);
//   - ServiceTypes, by which a service package registers its types, and
//     DataSourceWithDirectRead, by which a data source reads itself.
//
// It knows the Terraform plugin framework and the client (internal/hwc), and
// no service.
package framework
