// Customer stories for #kundehistorier: promoter comments (with consent, or anonymised when
// allowed) and stories employees submit — redacted before they are stored, posted at most N per
// channel per day, spread over working hours, best first, never the same story twice.
import { PROMOTER_MIN } from "../core/nps.ts";
import { isStoryCandidate, planStoryPosts, rankStories } from "../core/stories.ts";
import { redact } from "../core/redaction.ts";
import { ERASED } from "../core/privacy.ts";
import { startOfZonedDay } from "../core/timezone.ts";
import { slugify } from "../core/slug.ts";
import type { ChannelRef } from "../config.ts";
import type { Message } from "../messages/model.ts";
import type { Lang } from "../core/language.ts";
import { buildNotice } from "../messages/notice.ts";
import { buildStory, type StoryView } from "../messages/story.ts";
import type { StoredChange } from "../store/answers.ts";
import type { StoryStore } from "../store/stories.ts";
import type { TeamStore } from "../store/teams.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { BindingService } from "./binding-service.ts";
import type { Actor, PeopleService } from "./people.ts";
import type { KudosService } from "./kudos-service.ts";

export interface StorySettings {
  lang: Lang;
  timeZone: string;
  perDay: number;
  allowAnonymous: boolean;
  /** only answers this recent become stories (an imported history is not news) */
  maxAgeDays: number;
  globalChannels: ChannelRef[];
  consoleOnly: boolean;
}

const DAY_MS = 86_400_000;
const CANDIDATE_DAYS = 14;

interface Destination {
  platform: "slack" | "teams" | "console";
  target: string;
  /** null: every team's stories */
  teamId: number | null;
}

export class StoryService {
  private kudos: KudosService | null = null;

  constructor(
    private readonly store: { stories: StoryStore; teams: TeamStore },
    private readonly outbox: OutboxStore,
    private readonly bindings: BindingService,
    private readonly people: PeopleService,
    readonly settings: StorySettings,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /** Story posts name the colleagues a customer thanked (set once when the app is wired). */
  useKudos(kudos: KudosService): void {
    this.kudos = kudos;
  }

  /** New promoter answers with a real comment become story candidates (redacted when stored). */
  async onAnswerChanges(changes: StoredChange[], now: Date): Promise<number> {
    let created = 0;
    for (const change of changes) {
      if (change.kind !== "created" || change.score < PROMOTER_MIN) continue;
      if (now.getTime() - change.answeredAt.getTime() > this.settings.maxAgeDays * DAY_MS) continue; // no query for old history
      const a = await this.store.stories.answer(change.answerId);
      if (!a || now.getTime() - a.answeredAt.getTime() > this.settings.maxAgeDays * DAY_MS) continue;
      const candidate = isStoryCandidate({ score: a.score, comment: a.comment, consentToShare: a.consentToShare }, { allowAnonymous: this.settings.allowAnonymous });
      if (!candidate.ok) continue;
      const named = !candidate.anonymous;
      const text = redact(a.comment!, { customerName: a.customerName, keepName: named, lang: this.settings.lang }).text;
      const added = await this.store.stories.addPromoterStory({
        answerId: a.id, text, score: a.score, teamId: a.teamId, touchpointId: a.touchpointId, attribution: named ? a.customerName : null, createdAt: now,
      });
      if (added) created++;
    }
    return created;
  }

  /** An employee shares a story (modal / command): same redaction, same posting path. */
  async submit(input: { text: string; team?: string | null; attribution?: string | null; by: Actor }, now: Date, lang = this.settings.lang): Promise<{ ok: boolean; message: Message }> {
    const text = input.text.trim();
    if (text.length < 10) return { ok: false, message: buildNotice(lang, lang === "da" ? "Historien er for kort – skriv lidt mere." : "The story is too short – please write a little more.") };
    const team = input.team ? await this.store.teams.bySlug(slugify(input.team)) : null;
    if (input.team && !team) return { ok: false, message: buildNotice(lang, lang === "da" ? `Teamet "${input.team}" findes ikke.` : `There is no team "${input.team}".`) };
    const person = await this.people.resolve(input.by);
    // An employee may quote a customer: contact details go, the name they chose to give stays.
    const redacted = redact(text, { customerName: null, keepName: true, lang: this.settings.lang }).text;
    await this.store.stories.addEmployeeStory({ text: redacted, teamId: team?.id ?? null, attribution: input.attribution?.trim() || null, submittedBy: person.name ?? person.email ?? input.by.userId, createdAt: now });
    return {
      ok: true,
      message: buildNotice(lang, lang === "da" ? "Tak! Historien deles i kundehistorie-kanalen ved næste ledige tidspunkt." : "Thank you! The story will be shared in the customer-stories channel at the next free slot."),
    };
  }

  /** The teams a story can belong to, for a form's menu: the first `limit` by name. */
  async teamChoices(limit: number): Promise<{ slug: string; name: string }[]> {
    return this.store.teams.choices(limit);
  }

  private async destinations(): Promise<Destination[]> {
    if (this.settings.consoleOnly) return [{ platform: "console", target: "#kundehistorier", teamId: null }];
    const rows = await this.bindings.channelsForPurpose("stories");
    return [
      ...this.settings.globalChannels.map((c) => ({ platform: c.platform, target: c.channelId, teamId: null })),
      ...rows.map((r) => ({ platform: r.platform, target: r.channelId, teamId: r.teamId })),
    ];
  }

  /** Posts what is due now in every story channel. Idempotent: run it as often as you like. */
  async runPlan(now: Date): Promise<number> {
    const since = new Date(now.getTime() - CANDIDATE_DAYS * DAY_MS);
    const dayStart = startOfZonedDay(now, this.settings.timeZone);
    let queued = 0;
    for (const dest of await this.destinations()) {
      // an erased story (its customer forgotten) is never posted
      const stories = await this.store.stories.createdSince(since, dest.teamId, ERASED);
      const keyOf = (id: number) => `story:${id}:${dest.platform}:${dest.target}`;
      const posted = await this.outbox.existingKeys(stories.map((s) => keyOf(s.id)));
      const fresh = stories
        .filter((s) => !posted.has(keyOf(s.id)))
        .map((s) => ({ ...s, score: s.score ?? 10, storyScore: s.score }));
      // Stories colleagues chose to share go first; promoter comments are ranked by the core rules.
      const ranked = [...fresh.filter((s) => s.kind === "employee"), ...rankStories(fresh.filter((s) => s.kind !== "employee"), now)];
      const postedToday = await this.outbox.countSince("story", dest.platform, dest.target, dayStart);
      const due = planStoryPosts(ranked, postedToday, this.settings.perDay, now, this.settings.timeZone);
      const thanks = this.kudos ? await this.kudos.storyThanks(due.flatMap((s) => (s.answerId !== null ? [{ answerId: s.answerId, text: s.text }] : [])), this.settings.lang) : new Map();
      for (const s of due) {
        const thanked = s.answerId !== null ? thanks.get(s.answerId) : undefined;
        const view: StoryView = {
          id: s.id, kind: s.kind as StoryView["kind"], text: thanked?.text ?? s.text, score: s.storyScore, team: s.team ? { slug: s.team.slug, name: s.team.name } : null,
          touchpoint: s.touchpoint, attribution: s.attribution, submittedBy: s.submittedBy, thanked: thanked?.thanked ?? null,
        };
        if (await this.outbox.enqueue({ key: keyOf(s.id), platform: dest.platform, target: dest.target, kind: "story", message: buildStory(view, this.settings.lang) }, now)) {
          queued++;
          await this.store.stories.markPosted(s.id, now);
        }
      }
    }
    if (queued > 0) this.onEnqueued();
    return queued;
  }
}
