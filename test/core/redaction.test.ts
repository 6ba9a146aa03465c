import { describe, expect, it } from "vitest";
import { PLACEHOLDERS, redact, type RedactionKind } from "../../src/core/redaction.ts";

type Counts = Partial<Record<RedactionKind, number>>;
type Row = [input: string, expected: string, counts: Counts, customerName?: string];

const asCounts = (r: ReturnType<typeof redact>): Counts => Object.fromEntries(r.redactions.map((x) => [x.kind, x.count]));

function table(rows: Row[]) {
  for (const [input, expected, counts, customerName] of rows) {
    it(JSON.stringify(input), () => {
      const r = redact(input, { customerName: customerName ?? null });
      expect(r.text).toBe(expected);
      expect(asCounts(r)).toEqual(counts);
    });
  }
}

describe("redact: realistic customer comments (Danish placeholders)", () => {
  table([
    ["Ring til mig på 22 33 44 55 eller skriv til jens.hansen@firma.dk", "Ring til mig på (telefonnummer fjernet) eller skriv til (e-mail fjernet)", { email: 1, phone: 1 }],
    ["Mit CPR er 010190-1234, hvorfor spørger I om det?", "Mit CPR er (CPR-nummer fjernet), hvorfor spørger I om det?", { cpr: 1 }],
    ["Ordre 123456 kom den 12.10.2026 – betalte 1.299 kr.", "Ordre 123456 kom den 12.10.2026 – betalte 1.299 kr.", {}],
    ["Søren Ørsted her: super service!", "(navn fjernet) her: super service!", { name: 1 }, "Søren Ørsted"],
    ["Boligen blev vurderet hurtigt – tak Bo!", "Boligen blev vurderet hurtigt – tak (navn fjernet)!", { name: 1 }, "Bo"],
    ["Min kone ringede fra +45 12 34 56 78 men ingen tog den", "Min kone ringede fra (telefonnummer fjernet) men ingen tog den", { phone: 1 }],
    ["Tlf: +4512345678", "Tlf: (telefonnummer fjernet)", { phone: 1 }],
    ["Kontakt mig gerne på 0045 12345678 efter kl. 16", "Kontakt mig gerne på (telefonnummer fjernet) efter kl. 16", { phone: 1 }],
    ["Mobil 1234 5678, fastnet 87654321", "Mobil (telefonnummer fjernet), fastnet (telefonnummer fjernet)", { phone: 2 }],
    ["Nummeret er 12-34-56-78 (efter 17)", "Nummeret er (telefonnummer fjernet) (efter 17)", { phone: 1 }],
    ["Jeg bor i Sverige, ring +46 70 123 45 67", "Jeg bor i Sverige, ring (telefonnummer fjernet)", { phone: 1 }],
    ["Our US office: +1 (415) 555-0132.", "Our US office: (telefonnummer fjernet).", { phone: 1 }],
    ["London desk +44 20 7946 0958 never answers", "London desk (telefonnummer fjernet) never answers", { phone: 1 }],
    ["CPR 0101901234 stod i mailen – det er for dårligt", "CPR (CPR-nummer fjernet) stod i mailen – det er for dårligt", { cpr: 1 }],
    ["Jeg fik et link https://kundepuls.dk/svar?token=9f8e7d6c5b4a&id=77 – virker ikke", "Jeg fik et link (link fjernet) – virker ikke", { url: 1 }],
    ["Læs mere på https://example.dk/om-os.", "Læs mere på https://example.dk/om-os.", {}],
    ["Linket https://shop.dk/kurv/eyJhbGciOiJIUzI1NiJ9xyz udløb", "Linket (link fjernet) udløb", { url: 1 }],
    ["Se https://firma.dk/ordre#status for status", "Se (link fjernet) for status", { url: 1 }],
    ["Levering d. 12-10-2026 kl. 14.30 var perfekt", "Levering d. 12-10-2026 kl. 14.30 var perfekt", {}],
    ["Prisen steg fra kr 499,- til 1.299 kr. – 160% mere!", "Prisen steg fra kr 499,- til 1.299 kr. – 160% mere!", {}],
    ["Kunde siden 1998, bedste år var 2025-2026", "Kunde siden 1998, bedste år var 2025-2026", {}],
    ["Sag nr. 4711 og faktura 2026123 er stadig ikke løst", "Sag nr. 4711 og faktura 2026123 er stadig ikke løst", {}],
    ["Skriv til åse.ørum+nps@mail.bageriet.dk – hun svarer", "Skriv til (e-mail fjernet) – hun svarer", { email: 1 }],
    ["Hej, det er Mette Frederiksen. Min mail: mette@example.com", "Hej, det er (navn fjernet). Min mail: (e-mail fjernet)", { email: 1, name: 1 }, "Mette Frederiksen"],
    ["Frederiksens kundeservice var god – Mette", "(navn fjernet) kundeservice var god – (navn fjernet)", { name: 2 }, "Mette Frederiksen"],
    ["ØRSTED og søren er ikke det samme som Ørstedsvej", "(navn fjernet) og (navn fjernet) er ikke det samme som Ørstedsvej", { name: 2 }, "Søren Ørsted"],
    ["Anne-Mette ringede, og Mette var sød", "(navn fjernet) ringede, og (navn fjernet) var sød", { name: 2 }, "Anne-Mette Holm"],
    ["Jens Hansen her – ring 22334455", "(navn fjernet) her – ring (telefonnummer fjernet)", { name: 1, phone: 1 }, "Jens Peter Hansen"],
    ["Skriv til jens.hansen@firma.dk, Jens", "Skriv til (e-mail fjernet), (navn fjernet)", { email: 1, name: 1 }, "Jens Hansen"],
    ["Vi vil gerne have bedre svar, siger Mads Have", "Vi vil gerne have bedre svar, siger (navn fjernet)", { name: 1 }, "Mads Have"],
    ["Det var Have der hjalp", "Det var (navn fjernet) der hjalp", { name: 1 }, "Mads Have"],
    ["Super oplevelse! 10/10 og 5 stjerner", "Super oplevelse! 10/10 og 5 stjerner", {}],
    ["Ventede 45 min. i telefonen, ordre 7654321", "Ventede 45 min. i telefonen, ordre 7654321", {}],
    ["Great help from Lars, thanks! Call me on +45 87 65 43 21", "Great help from (navn fjernet), thanks! Call me on (telefonnummer fjernet)", { phone: 1, name: 1 }, "Lars Nielsen"],
    ["Profilen https://linkedin.com/in/soren-orsted-ab12cd34ef56gh78 viser det", "Profilen (link fjernet) viser det", { url: 1 }],
    ["Mit sagsnummer 20261012 står på brevet fra 2026-10-12", "Mit sagsnummer (telefonnummer fjernet) står på brevet fra 2026-10-12", { phone: 1 }],
  ]);
});

describe("redact: options", () => {
  it("keeps the name when the customer consented", () => {
    const r = redact("Søren Ørsted her: super service! Ring 22 33 44 55", { customerName: "Søren Ørsted", keepName: true });
    expect(r.text).toBe("Søren Ørsted her: super service! Ring (telefonnummer fjernet)");
    expect(r.redactions).toEqual([{ kind: "phone", count: 1 }]);
  });

  it("uses English placeholders", () => {
    const r = redact("Søren: 010190-1234, +4512345678, s@x.dk, https://a.dk/?t=1", { customerName: "Søren Ørsted", lang: "en" });
    expect(r.text).toBe("(name removed): (CPR number removed), (phone number removed), (e-mail removed), (link removed)");
  });

  it("lists kinds in a fixed order: email, phone, cpr, url, name", () => {
    const r = redact("Ole https://a.dk/?x=1 010190-1234 12345678 o@a.dk", { customerName: "Ole Berg" });
    expect(r.redactions.map((x) => x.kind)).toEqual(["email", "phone", "cpr", "url", "name"]);
  });

  it("ignores an empty or missing name and still returns the text unchanged", () => {
    expect(redact("Tak for hjælpen", { customerName: "   " }).text).toBe("Tak for hjælpen");
    expect(redact("Tak for hjælpen", {}).redactions).toEqual([]);
    expect(redact("", { customerName: "Søren" })).toEqual({ text: "", redactions: [] });
  });

  it("matches a name written with decomposed letters (NFD from some keyboards)", () => {
    const nfd = "Åse".normalize("NFD");
    expect(redact(`Hilsen ${nfd}`, { customerName: "Åse Ørum" }).text).toBe("Hilsen (navn fjernet)");
    expect(redact("Hilsen Åse", { customerName: nfd + " Ørum" }).text).toBe("Hilsen (navn fjernet)");
  });

  it("treats regex characters in names literally", () => {
    expect(redact("Tak til J.P. Jensen og JXP", { customerName: "J.P. Jensen" }).text).toBe("Tak til (navn fjernet) og JXP");
  });
});

describe("redact: name boundaries with Danish letters", () => {
  const name = "Søren Ørsted";
  it.each([
    ["Sørensen var her", "Sørensen var her"],
    ["Ørstedværket", "Ørstedværket"],
    ["BjørnSøren", "BjørnSøren"],
    ["æSøren", "æSøren"],
    ["(Søren)", "((navn fjernet))"],
    ["søren.", "(navn fjernet)."],
    ["Sørens ordre", "(navn fjernet) ordre"],
    ["Søren's order", "(navn fjernet) order"],
    ["Søren\nØrsted", "(navn fjernet)"],
  ])("%j → %j", (input, expected) => {
    expect(redact(input, { customerName: name }).text).toBe(expected);
  });

  it("does not redact name parts shorter than three letters", () => {
    expect(redact("Bo og Ib kom forbi", { customerName: "Bo Ib" }).text).toBe("Bo og Ib kom forbi");
    expect(redact("Hej Bo Ib", { customerName: "Bo Ib" }).text).toBe("Hej (navn fjernet)");
  });
});

describe("redact: numbers that are not phone numbers", () => {
  it.each([
    "Ordre 1234567 (7 cifre)",
    "Vi betalte 12.345 kr. for 3 stk.",
    "Dato 12/10/2026 og 01.02.2027",
    "Mødet kl. 08.30-09.15",
    "Varenummer ABC12345678",
    "Trackingnummer 123456789012",
    "Konto 1234-123456789",
    "Renten var 3,75%",
  ])("%j stays", (input) => {
    expect(redact(input, {}).text).toBe(input);
  });

  it("does not treat an impossible date as a CPR number", () => {
    // month 13 and day 32 are no dates; ten digits are also no Danish phone number
    expect(redact("Ref 3213901234 og 3201901234", {}).text).toBe("Ref 3213901234 og 3201901234");
  });

  it("prefers CPR over phone for ten digits with a hyphen", () => {
    expect(redact("010190-1234", {}).redactions).toEqual([{ kind: "cpr", count: 1 }]);
  });

  it("does not protect an implausible year range (likely a mobile number)", () => {
    expect(redact("Ring 2012-2034", {}).text).toBe("Ring (telefonnummer fjernet)");
  });

  it("keeps the digits of a harmless link intact", () => {
    const input = "Se https://firma.dk/2026/12345678/faq";
    expect(redact(input, {}).text).toBe(input);
  });

  it("tells opaque path tokens from readable slugs", () => {
    expect(redact("https://firma.dk/s/3f2b9c1e-8a4d-4e6f-9b2a-1c3d5e7f9a0b", {}).text).toBe("(link fjernet)");
    expect(redact("https://firma.dk/kvittering/12345678901234567", {}).text).toBe("(link fjernet)");
    const slug = "Læs https://firma.dk/blog/saadan-returnerer-du-en-vare-2026 først";
    expect(redact(slug, {}).text).toBe(slug);
  });

  it("redacts links with user info or the customer's name", () => {
    expect(redact("https://bruger:hemmelig@ftp.firma.dk/filer", {}).text).toBe("(link fjernet)");
    expect(redact("Se https://firma.dk/kunder/søren-ørsted", { customerName: "Søren Ørsted" }).text).toBe("Se (link fjernet)");
    expect(redact("Se www.firma.dk/nyhed?utm=x.", {}).text).toBe("Se (link fjernet).");
  });
});

describe("PLACEHOLDERS", () => {
  it("has words in round brackets for every kind in both languages: nothing a platform reads as markup", () => {
    for (const lang of ["da", "en"] as const) {
      for (const word of Object.values(PLACEHOLDERS[lang])) expect(word).toMatch(/^\((?:[\p{L}-]+ )+(?:fjernet|removed)\)$/u);
    }
    expect(PLACEHOLDERS.da.phone).toBe("(telefonnummer fjernet)");
    expect(PLACEHOLDERS.en.cpr).toBe("(CPR number removed)");
  });
});

describe("redact: e-mail written to dodge filters, bank and card numbers, bidirectional controls", () => {
  table([
    ["Skriv til jens[at]firma.dk", "Skriv til (e-mail fjernet)", { email: 1 }],
    ["Skriv til jens (at) firma.dk i morgen", "Skriv til (e-mail fjernet) i morgen", { email: 1 }],
    ["mail: jens.hansen [AT] firma [dot] dk.", "mail: (e-mail fjernet).", { email: 1 }],
    ["Svar på jens(snabel-a)firma.co.uk", "Svar på (e-mail fjernet)", { email: 1 }],
    ["Vi ses (at) the shop", "Vi ses (at) the shop", {}],
    ["Pengene til DK50 0040 0440 1162 43, tak", "Pengene til (kontonummer fjernet), tak", { iban: 1 }],
    ["IBAN DE89370400440532013000", "IBAN (kontonummer fjernet)", { iban: 1 }],
    ["Reference DE89370400440532013001 er forkert", "Reference DE89370400440532013001 er forkert", {}],
    ["Kortet 4111 1111 1111 1111 blev trukket to gange", "Kortet (kortnummer fjernet) blev trukket to gange", { card: 1 }],
    ["Kort 5555-5555-5555-4444 udløber snart", "Kort (kortnummer fjernet) udløber snart", { card: 1 }],
    ["Ordrenummer 4111111111111112 mangler", "Ordrenummer 4111111111111112 mangler", {}],
    ["Sporing 1234567890123 viser intet", "Sporing 1234567890123 viser intet", {}],
    ["Tak \u202Efor\u202C hjælpen\u2066!\u2069", "Tak for hjælpen!", {}],
  ]);

  it("takes bidirectional controls out before matching (a name split by one is still found)", () => {
    expect(redact("Hej fra Sø\u200Fren", { customerName: "Søren" }).text).toBe("Hej fra (navn fjernet)");
  });

  it("has words for the new kinds in English too", () => {
    expect(redact("4111 1111 1111 1111 / DK50 0040 0440 1162 43", { lang: "en" }).text).toBe("(card number removed) / (account number removed)");
  });
});
