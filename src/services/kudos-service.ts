// Kudos: a promoter's comment names a member of the answer's team → the kudos is counted (once per
// answer and person), the person gets a private "a customer thanked you" through the outbox, and the
// answer's story post names them (services/story-service.ts asks `storyThanks`). "/nps kudos" lists
// them, "/nps kudos fra|til" turns being named off and on. The private message is sent to opted-out
// people too: it is theirs alone, and the opt-out is about being named in front of others.
import { findThanked, withoutNames } from "../core/kudos.ts";
import { PROMOTER_MIN } from "../core/nps.ts";
import type { Period } from "../core/periods.ts";
import { redact } from "../core/redaction.ts";
import { isStoryCandidate } from "../core/stories.ts";
import { buildKudosList, buildKudosThanks, colleagueWord, type KudosReport, type Thanks } from "../messages/kudos.ts";
import type { StoredChange } from "../store/answers.ts";
import type { Directory } from "../store/directory.ts";
import type { KudosPerson, KudosStore } from "../store/kudos.ts";
import type { OutboxStore } from "../store/outbox.ts";
import { knownTeam } from "./nps-service.ts";
import type { Actor, PeopleService } from "./people.ts";
import type { Lang } from "../core/language.ts";

export interface KudosSettings {
  lang: Lang;
  /** only answers this recent give kudos (an imported history is not news) */
  maxAgeDays: number;
  allowAnonymous: boolean;
  consoleOnly: boolean;
}

const DAY_MS = 86_400_000;

/** The key of the private thanks for one answer and person on one target; the forget flow finds it by its prefix. */
export const kudosMessageKey = (answerId: number, personId: number, where: string) => `kudos:${answerId}:${personId}:${where}`;
export const kudosKeyPrefix = (answerId: number) => `kudos:${answerId}:`;

/** A story post's thanks: whom to name, how many only to count, and its quote with opted-out names replaced. */
export interface StoryThanks {
  thanked: Thanks;
  text: string;
}

export class KudosService {
  constructor(
    private readonly store: KudosStore,
    private readonly people: PeopleService,
    private readonly outbox: OutboxStore,
    private readonly directory: Directory,
    readonly settings: KudosSettings,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /**
   * A new or edited promoter answer: the team members its comment names get a kudos and a private
   * thanks. An edit that adds a name adds that kudos; one already given stays (the customer did
   * thank them), and a re-sent answer adds nothing. Returns how many kudos were new.
   */
  async onAnswerChanges(changes: StoredChange[], now: Date): Promise<number> {
    let added = 0;
    for (const change of changes) {
      if (change.score < PROMOTER_MIN || now.getTime() - change.answeredAt.getTime() > this.settings.maxAgeDays * DAY_MS) continue;
      const a = await this.store.answer(change.answerId);
      if (!a || a.score < PROMOTER_MIN || !a.comment?.trim() || a.teamId === null) continue;
      const text = redact(a.comment, { customerName: a.customerName, lang: this.settings.lang }).text;
      const members = (await this.store.teamPeople(a.teamId)).filter((p): p is KudosPerson & { name: string } => p.name !== null);
      const thanked = findThanked(text, members.map((m) => ({ personId: m.personId, name: m.name })));
      if (thanked.length === 0) continue;
      const fresh = await this.store.record(a.id, thanked.map((t) => t.personId), a.teamId, a.answeredAt);
      added += fresh.length;
      // Story rules decide whether the words may travel: with consent (named) or anonymously when allowed.
      const story = isStoryCandidate(a, { allowAnonymous: this.settings.allowAnonymous });
      const quote = story.ok ? redact(a.comment, { customerName: a.customerName, keepName: !story.anonymous, lang: this.settings.lang }).text : null;
      const message = buildKudosThanks({ team: a.teamName, score: a.score, quote }, this.settings.lang);
      for (const personId of fresh) {
        const person = members.find((m) => m.personId === personId)!;
        if (this.settings.consoleOnly) {
          const target = this.settings.lang === "da" ? `privat til ${person.name}` : `private to ${person.name}`;
          await this.enqueue(kudosMessageKey(a.id, personId, "console"), "console", target, message, now);
          continue;
        }
        for (const t of await this.people.directTargets(personId)) await this.enqueue(kudosMessageKey(a.id, personId, `${t.platform}:${t.target}`), t.platform, t.target, message, now);
      }
    }
    return added;
  }

  private async enqueue(key: string, platform: "slack" | "teams" | "console", target: string, message: ReturnType<typeof buildKudosThanks>, now: Date): Promise<void> {
    if (await this.outbox.enqueue({ key, platform, target, kind: message.kind, message }, now)) this.onEnqueued();
  }

  /**
   * What a story post shows of the thanks: the line naming the thanked (opted-out people only as
   * "en kollega"), and the quote with opted-out people's names replaced. Per story answer id.
   */
  async storyThanks(stories: { answerId: number; text: string }[], lang: Lang): Promise<Map<number, StoryThanks>> {
    const byAnswer = await this.store.thankedBy(stories.map((s) => s.answerId));
    const out = new Map<number, StoryThanks>();
    for (const s of stories) {
      const people = byAnswer.get(s.answerId) ?? [];
      if (people.length === 0) continue;
      const named = people.filter((p) => !p.optedOut && p.name);
      const hidden = people.filter((p) => p.optedOut || !p.name);
      const spans = findThanked(s.text, hidden.flatMap((p) => (p.name ? [{ personId: p.personId, name: p.name }] : [])));
      out.set(s.answerId, {
        thanked: { named: named.map((p) => ({ name: p.name!, slackUserId: p.slackUserId, teamsUserId: p.teamsUserId })), unnamed: hidden.length },
        text: withoutNames(s.text, spans, new Set(hidden.map((p) => p.personId)), colleagueWord(lang)),
      });
    }
    return out;
  }

  /** "/nps kudos [periode] [team]". */
  async report(query: { period: Period; team?: string | null }): Promise<KudosReport> {
    let team: KudosReport["team"] = null;
    let teamId: number | undefined;
    if (query.team) {
      const found = await knownTeam(this.directory, query.team);
      team = { slug: found.slug, name: found.name };
      teamId = found.id;
    }
    const rows = await this.store.tally({ from: query.period.from, to: query.period.to, ...(teamId !== undefined ? { teamId } : {}) });
    const teamNames = await this.store.teamNames([...new Set(rows.flatMap((r) => (r.teamId === null ? [] : [r.teamId])))]);
    return { period: query.period, team, rows, teamNames };
  }

  list(query: { period: Period; team?: string | null }, lang: Lang) {
    return this.report(query).then((r) => buildKudosList(r, lang));
  }

  /** "/nps kudos fra|til": true/false as set, null when the asker is no known person (the console without a person). */
  async setOptOut(actor: Actor, optOut: boolean): Promise<boolean | null> {
    const person = await this.people.resolve(actor);
    if (person.id < 0) return null;
    await this.store.setOptOut(person.id, optOut);
    return optOut;
  }
}
