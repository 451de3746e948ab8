//! Tests of requests: the state machine, confidentiality on every path, intake validation, notifications.
