// What the store shares about speaking raw SQL to either database, and the one dialect type:
// which database a target names (DatabaseTarget.provider), which SQL the store speaks.
export type Dialect = "sqlite" | "postgres";

export interface Interval {
  from: Date;
  to: Date;
}

/** A date as the database adapter itself writes it (SQLite: ISO text, which NPS ranges compare). */
export const dbDate = (dialect: Dialect, d: Date) => (dialect === "sqlite" ? d.toISOString().replace("Z", "+00:00") : d.toISOString());
