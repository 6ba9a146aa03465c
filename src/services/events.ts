// What the habits report as they happen (for metrics): plain events, so services need no
// metrics library. The composition root decides what to count.
export type HabitEvent =
  | { type: "case_opened" }
  | { type: "case_claimed"; secondsToClaim: number }
  | { type: "case_resolved" }
  | { type: "digest_queued" };

export type HabitObserver = (event: HabitEvent) => void;
