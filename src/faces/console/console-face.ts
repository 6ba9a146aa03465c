// The console face: in local mode every message the bot would post is printed, and lines typed
// on stdin are answered — /nps questions and help through the same services the chat faces use,
// and the case commands (tag 12 / claim 12, løs 12 … / resolve 12 …) so local mode shows the
// whole loop of an alert.
import readline from "node:readline";
import { detectLang } from "../../core/language.ts";
import type { Logger } from "../../logger.ts";
import { buildProblem } from "../../messages/help.ts";
import type { Message } from "../../messages/model.ts";
import type { ChatCommandService, ChatContext } from "../../services/chat-commands.ts";
import type { NpsSettings } from "../../services/nps-service.ts";
import { renderConsole } from "./render.ts";

const HELP_WORDS = /^\/?(help|hjælp|hjaelp|\?)$/i;

export class ConsoleFace {
  private reader: readline.Interface | undefined;

  constructor(
    private readonly commands: ChatCommandService,
    private readonly settings: NpsSettings,
    private readonly write: (text: string) => void,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Answers one typed line; returns what was printed (empty for a blank line). */
  async handleLine(line: string): Promise<string> {
    const text = line.trim();
    if (text === "") return "";
    const ctx: ChatContext = { platform: "console", channelId: null, userId: "console", now: this.now() };
    let message: Message;
    const onCase = await this.commands.handleCaseCommand(text, ctx);
    if (onCase) message = onCase.message;
    else if (/^\/?nps(\s|$)/i.test(text)) message = (await this.commands.handle(text, ctx)).message;
    else if (HELP_WORDS.test(text)) message = (await this.commands.handle(`nps ${text.replace(/^\//, "")}`, ctx)).message;
    else {
      const lang = detectLang(text, this.settings.defaultLang);
      message = buildProblem(
        lang,
        lang === "da"
          ? `Det forstod jeg ikke: "${text}". Prøv fx: /nps denne måned · tag 12 · hjælp`
          : `I did not understand "${text}". Try for example: /nps this month · claim 12 · help`,
      );
    }
    const out = renderConsole(message) + "\n";
    this.write(out);
    return out;
  }

  /** What the bot would post in a channel, printed readably. */
  post(target: string, message: Message): void {
    this.write(`\n→ ${target}\n${renderConsole(message)}\n`);
  }

  /** Reads commands from a terminal. Without a terminal, or once stdin closes, the bot just runs on. */
  attach(input: NodeJS.ReadStream & { isTTY?: boolean }): void {
    if (!input.isTTY) {
      this.log.info("stdin is not a terminal: the console face prints messages but reads no commands");
      return;
    }
    this.reader = readline.createInterface({ input, output: process.stdout, prompt: "kundepuls> " });
    this.reader.on("line", (line) => {
      this.handleLine(line)
        .catch((error) => this.log.error("console command failed", error))
        .finally(() => this.reader?.prompt());
    });
    this.reader.on("close", () => {
      this.reader = undefined;
      this.log.info("stdin closed: no more console commands; the bot keeps running (Ctrl+C stops it)");
    });
    this.write(
      this.settings.defaultLang === "da"
        ? "Skriv fx /nps denne måned, tag 12 (tag en sag) eller hjælp.\n"
        : "Type for example /nps this month, claim 12 (take a case) or help.\n",
    );
    this.reader.prompt();
  }

  detach(): void {
    this.reader?.close();
  }
}
