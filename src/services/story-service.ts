// Customer stories for #kundehistorier: promoter comments (with consent, or anonymised when
// allowed) and stories employees submit — redacted before they are stored, posted at most N per
// channel per day, spread over working hours, best first, never the same story twice.
import { isStoryCandidate, planStoryPosts, rankStories } from "../core/stories.ts";
import { redact } from "../core/redaction.ts";
import { ERASED } from "../core/privacy.ts";
import { startOfZonedDay } from "../core/timezone.ts";
import { slugify } from "../core/slug.ts";
import type { ChannelRef } from "../config.ts";
import type { Lang, Message } from "../messages/model.ts";
import { buildNotice } from "../messages/notice.ts";
import { buildStory, type StoryView } from "../messages/story.ts";
import type { StoredChange } from "../store/answers.ts";
import type { Db } from "../store/database.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { BindingService } from "./binding-service.ts";
import type { Actor, PeopleService } from "./people.ts";

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
  constructor(
    private readonly prisma: Db,
    private readonly outbox: OutboxStore,
    private readonly bindings: BindingService,
    private readonly people: PeopleService,
    readonly settings: StorySettings,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /** New promoter answers with a real comment become story candidates (redacted when stored). */
  async onAnswerChanges(changes: StoredChange[], now: Date): Promise<number> {
    let created = 0;
    for (const change of changes) {
      if (change.kind !== "created" || change.score < 9) continue;
      if (now.getTime() - change.answeredAt.getTime() > this.settings.maxAgeDays * DAY_MS) continue; // no query for old history
      const a = await this.prisma.answer.findUnique({ where: { id: change.answerId } });
      if (!a || now.getTime() - a.answeredAt.getTime() > this.settings.maxAgeDays * DAY_MS) continue;
      const candidate = isStoryCandidate({ score: a.score, comment: a.comment, consentToShare: a.consentToShare }, { allowAnonymous: this.settings.allowAnonymous });
      if (!candidate.ok) continue;
      const named = !candidate.anonymous;
      const text = redact(a.comment!, { customerName: a.customerName, keepName: named, lang: this.settings.lang }).text;
      await this.prisma.story
        .create({
          data: {
            answerId: a.id, kind: "promoter", text, score: a.score, teamId: a.teamId, touchpointId: a.touchpointId,
            attribution: named ? a.customerName : null, createdAt: now,
          },
        })
        .then(() => created++)
        .catch((error: { code?: string }) => {
          if (error.code !== "P2002") throw error; // the answer already has its story
        });
    }
    return created;
  }

  /** An employee shares a story (modal / command): same redaction, same posting path. */
  async submit(input: { text: string; team?: string | null; attribution?: string | null; by: Actor }, now: Date, lang = this.settings.lang): Promise<{ ok: boolean; message: Message }> {
    const text = input.text.trim();
    if (text.length < 10) return { ok: false, message: buildNotice(lang, lang === "da" ? "Historien er for kort – skriv lidt mere." : "The story is too short – please write a little more.") };
    const team = input.team ? await this.prisma.team.findUnique({ where: { slug: slugify(input.team) } }) : null;
    if (input.team && !team) return { ok: false, message: buildNotice(lang, lang === "da" ? `Teamet "${input.team}" findes ikke.` : `There is no team "${input.team}".`) };
    const person = await this.people.resolve(input.by);
    // An employee may quote a customer: contact details go, the name they chose to give stays.
    const redacted = redact(text, { customerName: null, keepName: true, lang: this.settings.lang }).text;
    await this.prisma.story.create({
      data: { kind: "employee", text: redacted, teamId: team?.id ?? null, attribution: input.attribution?.trim() || null, submittedBy: person.name ?? person.email ?? input.by.userId, createdAt: now },
    });
    return {
      ok: true,
      message: buildNotice(lang, lang === "da" ? "Tak! Historien deles i kundehistorie-kanalen ved næste ledige tidspunkt." : "Thank you! The story will be shared in the customer-stories channel at the next free slot."),
    };
  }

  /** The teams a story can be for (the story form's menu), by name; `max`: what the face's menu can show. */
  async teamChoices(max: number): Promise<{ slug: string; name: string }[]> {
    return this.prisma.team.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" }, take: max });
  }

  private async destinations(): Promise<Destination[]> {
    if (this.settings.consoleOnly) return [{ platform: "console", target: "#kundehistorier", teamId: null }];
    const rows = await this.prisma.channelBinding.findMany({ where: { purpose: "stories" }, orderBy: { id: "asc" } });
    return [
      ...this.settings.globalChannels.map((c) => ({ platform: c.platform, target: c.channelId, teamId: null })),
      ...rows.map((r) => ({ platform: r.platform as "slack" | "teams", target: r.channelId, teamId: r.teamId })),
    ];
  }

  /** Posts what is due now in every story channel. Idempotent: run it as often as you like. */
  async runPlan(now: Date): Promise<number> {
    const since = new Date(now.getTime() - CANDIDATE_DAYS * DAY_MS);
    const dayStart = startOfZonedDay(now, this.settings.timeZone);
    let queued = 0;
    for (const dest of await this.destinations()) {
      const stories = await this.prisma.story.findMany({
        // an erased story (its customer forgotten) is never posted
        where: { createdAt: { gte: since }, text: { not: ERASED }, ...(dest.teamId !== null ? { teamId: dest.teamId } : {}) },
        include: { team: true, touchpoint: true },
        orderBy: { id: "asc" },
      });
      const keyOf = (id: number) => `story:${id}:${dest.platform}:${dest.target}`;
      const posted = await this.outbox.existingKeys(stories.map((s) => keyOf(s.id)));
      const fresh = stories
        .filter((s) => !posted.has(keyOf(s.id)))
        .map((s) => ({ ...s, touchpoint: s.touchpoint?.name ?? null, score: s.score ?? 10, storyScore: s.score }));
      // Stories colleagues chose to share go first; promoter comments are ranked by the core rules.
      const ranked = [...fresh.filter((s) => s.kind === "employee"), ...rankStories(fresh.filter((s) => s.kind !== "employee"), now)];
      const postedToday = await this.outbox.countSince("story", dest.platform, dest.target, dayStart);
      for (const s of planStoryPosts(ranked, postedToday, this.settings.perDay, now, this.settings.timeZone)) {
        const view: StoryView = {
          id: s.id, kind: s.kind as StoryView["kind"], text: s.text, score: s.storyScore, team: s.team ? { slug: s.team.slug, name: s.team.name } : null,
          touchpoint: s.touchpoint, attribution: s.attribution, submittedBy: s.submittedBy,
        };
        if (await this.outbox.enqueue({ key: keyOf(s.id), platform: dest.platform, target: dest.target, kind: "story", message: buildStory(view, this.settings.lang) }, now)) {
          queued++;
          await this.prisma.story.updateMany({ where: { id: s.id, postedAt: null }, data: { postedAt: now } });
        }
      }
    }
    if (queued > 0) this.onEnqueued();
    return queued;
  }
}
