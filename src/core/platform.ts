// The places Kundepuls talks to people: the two chat platforms and the console of local mode.
// A type the outbox rows, the bindings and the faces share, so it lives at the bottom.
export type Platform = "slack" | "teams" | "console";
