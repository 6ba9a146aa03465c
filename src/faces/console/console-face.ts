// The console face: in local mode every message the bot would post is printed, and lines typed
// on stdin (/nps this month, help, …) are answered — the same services the chat faces use.
import readline from "node:readline";
import type { Logger } from "../../logger.ts";
import type { Message } from "../../messages/model.ts";
import { buildHelp } from "../../messages/help.ts";
import type { ChatCommandService } from "../../services/chat-commands.ts";
import type { NpsSettings } from "../../services/nps-service.ts";
import { renderConsole } from "./render.ts";

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
    let message: Message;
    if (/^\/?(nps)(\s|$)/i.test(text)) {
      message = (await this.commands.handle(text, { platform: "console", channelId: null, userId: "console", now: this.now() })).message;
    } else if (/^\/?(help|hjælp|hjaelp|\?)$/i.test(text)) {
      message = buildHelp(this.settings.defaultLang);
    } else {
      const lang = this.settings.defaultLang;
      message = buildHelp(lang, lang === "da" ? `Det forstod jeg ikke: "${text}"` : `I did not understand "${text}"`);
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
    this.write(`Type /nps this month, /nps sidste måned support or help.\n`);
    this.reader.prompt();
  }

  detach(): void {
    this.reader?.close();
  }
}
