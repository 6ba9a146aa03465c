// The themes' thresholds, apart from the analysis itself: the messages name them (z ≥ 1.96)
// without loading the stemmers and stop lists, which are loaded only when themes are asked for.
export const THEME_DEFAULTS = { minComments: 5, maxThemes: 5, minZ: 1.96, minMentions: 3, priorShare: 0.1 } as const;
