//! Findings: what the practice asks that a policy document lacks (lint).
