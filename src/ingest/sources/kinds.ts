// What each survey tool sends, and how a typical survey of it maps onto an answer with no --map.
// Field defaults are selectors (see selectors.ts); a source's own --map entries win.
import { FIELDS, KINDS, type Mapping, type SourceField, type SourceKind } from "../../core/survey-sources.ts";

export { FIELDS, KINDS, type Mapping, type SourceField, type SourceKind };

/** What a delivery is about: an answer to store (from `doc`), or an event with nothing to store. */
export type Event = { store: true } | { store: false; why: string };

export interface KindSpec {
  verify: string;
  defaults: Mapping;
  /** fields the tool names with random ids: --map must give them */
  mustMap: SourceField[];
  /** the webhook only notifies; the answer is fetched from the tool's API */
  fetches: boolean;
  /** the tool's API can be polled for "answers updated since" (--poll-minutes) */
  pollable: boolean;
  event(payload: unknown): Event;
}

const prop = (v: unknown, key: string): unknown => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined);
/** Fields a survey carries under their own names (hidden fields, custom variables, embedded data). */
const PEOPLE: SourceField[] = ["email", "name", "account", "team", "touchpoint", "consent", "language"];
const hidden = (prefix: string, except: SourceField[] = []): Mapping =>
  Object.fromEntries(PEOPLE.filter((f) => !except.includes(f)).map((f) => [f, `${prefix}/${f}`]));
const always = (): Event => ({ store: true });
const noAnswer = (event: unknown): Event => ({ store: false, why: event === undefined || event === null ? "the payload names no event" : `event ${String(event)} carries no answer` });

export const KIND_SPECS: Record<SourceKind, KindSpec> = {
  typeform: {
    verify: "typeform",
    defaults: { id: "/form_response/token", respondedAt: "/form_response/submitted_at", score: "type:nps|opinion_scale", comment: "type:long_text", ...hidden("/form_response/hidden") },
    mustMap: [], fetches: false, pollable: false,
    event: (p) => (prop(p, "event_type") === "form_response" ? { store: true } : noAnswer(prop(p, "event_type"))),
  },
  formbricks: {
    verify: "standard-webhooks",
    defaults: { ...hidden("/data/data"), id: "/data/id", respondedAt: "/data/createdAt", email: "/data/contactAttributes/email", language: "/data/language" },
    mustMap: ["score"], fetches: false, pollable: false,
    event: (p) => {
      const event = prop(p, "event");
      if (event === "responseFinished") return { store: true };
      if (event === "responseUpdated") return prop(prop(p, "data"), "finished") === true ? { store: true } : { store: false, why: "the response is not finished yet" };
      return noAnswer(event);
    },
  },
  delighted: {
    verify: "header:X-Kundepuls-Secret",
    defaults: {
      id: "/event_data/id", respondedAt: "/event_data/created_at", score: "/event_data/score", comment: "/event_data/comment",
      email: "/event_data/person/email", name: "/event_data/person/name", ...hidden("/event_data/person_properties", ["email", "name"]),
    },
    mustMap: [], fetches: false, pollable: false,
    event: (p) => (/^survey_response\.(created|updated)$/.test(String(prop(p, "event_type"))) ? { store: true } : noAnswer(prop(p, "event_type"))),
  },
  surveymonkey: {
    verify: "surveymonkey",
    defaults: { id: "/id", respondedAt: "/date_created", email: "/metadata/contact/email/value", ...hidden("/custom_variables", ["email"]) },
    mustMap: ["score"], fetches: true, pollable: true,
    event: (p) => (/^response_(completed|updated)$/.test(String(prop(p, "event_type"))) ? { store: true } : noAnswer(prop(p, "event_type"))),
  },
  qualtrics: {
    verify: "qualtrics",
    defaults: { id: "/result/responseId", respondedAt: "/result/values/recordedDate", email: "/result/values/recipientEmail", ...hidden("/result/values", ["email"]) },
    mustMap: ["score"], fetches: true, pollable: false,
    event: (p) => (/\.completedResponse\./.test(String(prop(p, "Topic"))) ? { store: true } : { store: false, why: "only completedResponse events carry answers" }),
  },
  asknicely: {
    verify: "header:X-Kundepuls-Secret",
    defaults: {
      id: "/question/id", respondedAt: "/question/responded", score: "/question/score", comment: "/question/comment",
      email: "/person/email", name: "/person/name", ...hidden("/person", ["email", "name"]),
    },
    mustMap: [], fetches: false, pollable: false, event: always,
  },
  generic: {
    verify: "bearer",
    defaults: {
      id: "/id", respondedAt: "/respondedAt", score: "/score", ces: "/ces", comment: "/comment", email: "/customer/email", name: "/customer/name",
      account: "/customer/account", team: "/team", touchpoint: "/touchpoint", consent: "/consentToShare", language: "/language",
    },
    mustMap: [], fetches: false, pollable: false, event: always,
  },
};

export function isKind(kind: string): kind is SourceKind {
  return (KINDS as readonly string[]).includes(kind);
}
