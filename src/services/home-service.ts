// The personal overview for a chat user (Slack App Home, the Teams personal card).
import { labelSoFar } from "../core/period-labels.ts";
import { parsePeriod } from "../core/periods.ts";
import { buildHome, type HomeView } from "../messages/home.ts";
import type { Message } from "../messages/model.ts";
import type { Lang } from "../core/language.ts";
import type { TeamStore } from "../store/teams.ts";
import type { CaseService } from "./case-service.ts";
import type { GoalService } from "./goal-service.ts";
import type { NpsService } from "./nps-service.ts";
import type { Actor, PeopleService } from "./people.ts";

export class HomeService {
  constructor(
    private readonly teams: TeamStore,
    private readonly people: PeopleService,
    private readonly cases: CaseService,
    private readonly goals: GoalService,
    private readonly nps: NpsService,
  ) {}

  async forActor(actor: Actor, now: Date, lang: Lang = this.nps.settings.defaultLang): Promise<Message> {
    const tz = this.nps.settings.timeZone;
    const person = await this.people.resolve(actor);
    const month = parsePeriod("this month", now, tz);
    if (!month.ok) throw new Error("this month must parse");
    const company = await this.nps.report({ period: month.period });
    // "My team": the teams I lead.
    const led = person.id > 0 ? await this.teams.ledBy(person.id) : [];
    const teams: HomeView["teams"] = [];
    for (const team of led) {
      const report = await this.nps.report({ period: month.period, team: team.slug, now });
      teams.push({ slug: team.slug, name: team.name, goal: report.goal ?? null, month: report.figures });
    }
    const openCases = person.id > 0 ? await this.cases.openCasesOwnedBy(person.id) : [];
    const view: HomeView = {
      personName: person.name,
      // Cases are routed to people by e-mail (owners, leads): a chat user whose e-mail is unknown
      // (Teams could not tell it) is not linked yet, and "no cases" would be a guess.
      known: openCases.length > 0 || (person.id > 0 && person.email !== null),
      openCases,
      monthLabel: labelSoFar(month.period, now, tz)[lang],
      minResponses: this.nps.settings.minResponses,
      teams,
      company: company.figures,
    };
    return buildHome(view, lang, now, tz);
  }
}
