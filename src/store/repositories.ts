// Every repository over one Prisma client, built once by the composition root (app.ts) and
// handed to the services, jobs and faces that need them: only store/ holds the client.
import { AuditStore } from "./audit.ts";
import { CaseStore } from "./cases.ts";
import { ChannelBindingStore } from "./channel-bindings.ts";
import { CustomerDataStore } from "./customer-data.ts";
import type { Db } from "./database.ts";
import { Directory } from "./directory.ts";
import { FollowUpStore } from "./follow-ups.ts";
import { GoalStore } from "./goals.ts";
import { HandledDeliveryStore } from "./handled-deliveries.ts";
import { JobRunStore } from "./job-runs.ts";
import { KudosStore } from "./kudos.ts";
import { MembershipStore } from "./memberships.ts";
import { OutboxStore } from "./outbox.ts";
import { OwnershipStore } from "./owners.ts";
import { PeopleStore } from "./people.ts";
import { SourceStore } from "./sources.ts";
import { StoryStore } from "./stories.ts";
import { TeamsConversationStore } from "./teams-conversations.ts";
import { TeamStore } from "./teams.ts";
import { ThemeStore } from "./themes.ts";

export interface Repositories {
  people: PeopleStore;
  teams: TeamStore;
  /** account and touchpoint owners */
  owners: OwnershipStore;
  /** teams and touchpoints as answers name them (cached ids), team lookups for commands */
  directory: Directory;
  memberships: MembershipStore;
  cases: CaseStore;
  stories: StoryStore;
  goals: GoalStore;
  bindings: ChannelBindingStore;
  /** Teams conversation references */
  conversations: TeamsConversationStore;
  /** Slack events handled once */
  deliveries: HandledDeliveryStore;
  outbox: OutboxStore;
  jobRuns: JobRunStore;
  followUps: FollowUpStore;
  audit: AuditStore;
  customerData: CustomerDataStore;
  sources: SourceStore;
  themes: ThemeStore;
  kudos: KudosStore;
}

export function createRepositories(prisma: Db): Repositories {
  return {
    people: new PeopleStore(prisma),
    teams: new TeamStore(prisma),
    owners: new OwnershipStore(prisma),
    directory: new Directory(prisma),
    memberships: new MembershipStore(prisma),
    cases: new CaseStore(prisma),
    stories: new StoryStore(prisma),
    goals: new GoalStore(prisma),
    bindings: new ChannelBindingStore(prisma),
    conversations: new TeamsConversationStore(prisma),
    deliveries: new HandledDeliveryStore(prisma),
    outbox: new OutboxStore(prisma),
    jobRuns: new JobRunStore(prisma),
    followUps: new FollowUpStore(prisma),
    audit: new AuditStore(prisma),
    customerData: new CustomerDataStore(prisma),
    sources: new SourceStore(prisma),
    themes: new ThemeStore(prisma),
    kudos: new KudosStore(prisma),
  };
}
