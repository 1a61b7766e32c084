//! Schedules: exact shifts, who is on call at an instant, and why.
