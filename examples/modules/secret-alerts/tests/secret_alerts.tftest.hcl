# Runs against the hwcloud emulator: `make test-modules` starts it with
# tests/seed.json (which adds the module-alerts topic) and points the provider
# at it through the HW_* environment variables it writes with -env-file. The
# same file runs against a real account when HW_* name one and
# alert_topic_urn below names a topic there.

variables {
  name                    = "tftest_secret_alerts"
  secret_value            = "first-value"
  alert_topic_urn         = "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:module-alerts"
  tags                    = { team = "platform" }
  delete_without_recovery = true
}

run "creates_the_secret_event_and_notification" {
  assert {
    condition     = output.secret_name == "tftest_secret_alerts"
    error_message = "the secret has the wrong name: ${output.secret_name}"
  }
  assert {
    condition     = can(regex("^[0-9a-f-]{36}$", output.secret_id))
    error_message = "CSMS gave no secret id: ${output.secret_id}"
  }
  assert {
    condition     = output.latest_version_id == "v1"
    error_message = "a new secret's value is its version v1, got ${output.latest_version_id}"
  }
  assert {
    condition     = output.event_name == "tftest_secret_alerts_events"
    error_message = "the secret does not subscribe to the module's event"
  }
  assert {
    condition     = output.event_id != ""
    error_message = "CSMS gave no event id"
  }
  assert {
    condition     = output.notification_type == "smn"
    error_message = "the notification should send to the SMN topic, not ${output.notification_type}"
  }
  assert {
    condition     = hwcloud_cts_notification.key_operations.enabled
    error_message = "the key-operation notification is not enabled"
  }
  assert {
    condition     = hwcloud_csms_secret.this.tags["team"] == "platform"
    error_message = "the secret lost its tags"
  }
}

# The value is write-only: a new value alone changes nothing, bumping
# secret_version stores it as the next version.
run "rotates_when_the_version_is_bumped" {
  variables {
    secret_value   = "second-value"
    secret_version = 2
  }

  assert {
    condition     = output.latest_version_id == "v2"
    error_message = "bumping secret_version should store v2, got ${output.latest_version_id}"
  }
  assert {
    condition     = output.secret_name == "tftest_secret_alerts" && output.event_name == "tftest_secret_alerts_events"
    error_message = "rotating the secret changed its name or its event"
  }
}

# The event fired: CSMS keeps a record of each notification it sent, and the
# new version above produced one for the module's event.
run "an_alert_was_recorded" {
  module {
    source = "./tests/alerts"
  }

  variables {
    secret_name = run.rotates_when_the_version_is_bumped.secret_name
  }

  assert {
    condition = length([
      for r in output.records : r
      if r.event_type == "SECRET_VERSION_CREATED" && r.event_name == "tftest_secret_alerts_events"
    ]) >= 1
    error_message = "no SECRET_VERSION_CREATED record for the module's event: ${jsonencode(output.records)}"
  }
}

run "rejects_a_name_cts_would_refuse" {
  command = plan

  variables {
    name = "has-a-dash"
  }

  expect_failures = [var.name]
}
