variable "name" {
  description = "Name of the secret; the event and the CTS notification are named after it. Letters, digits and _ (CTS notification names allow no -), at most 40 characters."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_]{1,40}$", var.name))
    error_message = "name must be 1 to 40 letters, digits or _."
  }
}

variable "secret_value" {
  description = "The secret's value. Ephemeral: it never reaches a plan or state file (pass it with TF_VAR_secret_value)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "secret_version" {
  description = "Bump it (1 -> 2) to store a new secret_value as a new version: the value itself is write-only, so Terraform cannot see it change."
  type        = number
  default     = 1
}

variable "alert_topic_urn" {
  description = "SMN topic that receives the secret's events and the key-operation alerts, urn:smn:{region}:{project_id}:{topic}."
  type        = string
}

variable "secret_event_types" {
  description = "Secret events that alert."
  type        = set(string)
  default     = ["SECRET_VERSION_CREATED", "SECRET_ROTATED", "SECRET_ROTATED_FAILED", "SECRET_DELETED"]
}

variable "key_operations" {
  description = "KMS operations (CTS trace names) that alert."
  type        = list(string)
  default     = ["disableKey", "scheduleKeyDeletion"]
}

variable "tags" {
  description = "Tags of the secret."
  type        = map(string)
  default     = {}
}

variable "delete_without_recovery" {
  description = "Delete the secret at once on destroy instead of scheduling its deletion (test runs set it, so a re-run can reuse the name)."
  type        = bool
  default     = false
}
