//! Escalation: routing incidents to policies and the paging plan of a policy at an instant.
