//! Coverage: intervals of incident start time with the same paging plan, gaps and heatmaps.
