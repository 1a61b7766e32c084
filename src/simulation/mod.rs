//! Simulation: one incident stepped event by event, with responder behaviour and injected events.
