// Names and comment texts for the demo data (see demo-data.ts). Plain data, no logic.
import type { Category } from "../core/nps.ts";

export type DemoTeamSlug = "support" | "salg" | "levering" | "webshop";

export interface DemoPerson {
  name: string;
  email: string;
}

export const TEAM_LEADS: Record<DemoTeamSlug, { teamName: string; lead: DemoPerson; touchpoints: string[] }> = {
  support: { teamName: "Kundeservice", lead: { name: "Mette Sørensen", email: "mette@example.dk" }, touchpoints: ["telefon", "chat", "e-mail"] },
  salg: { teamName: "Salg", lead: { name: "Lars Bøgh Jensen", email: "lars@example.dk" }, touchpoints: ["telefon", "e-mail", "butik"] },
  levering: { teamName: "Levering", lead: { name: "Søren Østergaard", email: "soeren@example.dk" }, touchpoints: ["levering", "e-mail"] },
  webshop: { teamName: "Webshop", lead: { name: "Camilla Kjær", email: "camilla@example.dk" }, touchpoints: ["web", "chat"] },
};

export const ACCOUNTS: { name: string; owner: DemoPerson }[] = [
  { name: "Bageriet Hansen ApS", owner: { name: "Anne Mølgaard", email: "anne@example.dk" } },
  { name: "Nordisk Træ A/S", owner: { name: "Jesper Lund", email: "jesper@example.dk" } },
  { name: "Fynsk Kaffebrænderi ApS", owner: { name: "Anne Mølgaard", email: "anne@example.dk" } },
  { name: "Østjysk VVS A/S", owner: { name: "Jesper Lund", email: "jesper@example.dk" } },
  { name: "Tandlægerne på Strøget I/S", owner: { name: "Rasmus Dahl", email: "rasmus@example.dk" } },
  { name: "Café Ærø ApS", owner: { name: "Rasmus Dahl", email: "rasmus@example.dk" } },
];

export const FIRST_NAMES = [
  "Anders", "Anne", "Bente", "Birgitte", "Christian", "Dorthe", "Emil", "Freja", "Frederik", "Gitte", "Hans", "Ida",
  "Jens", "Julie", "Karen", "Kasper", "Kirsten", "Lone", "Mads", "Maja", "Malene", "Martin", "Mikkel", "Morten",
  "Niels", "Nanna", "Ole", "Pernille", "Peter", "Rikke", "Sofie", "Søren", "Susanne", "Thomas", "Tove", "Ulla",
  "Victor", "Aase", "Bjørn", "Jørgen", "Mette", "Helle", "Åse", "Sæbjørn",
];

export const LAST_NAMES = [
  "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
  "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen",
  "Jakobsen", "Holm", "Frederiksen", "Østergaard", "Bæk", "Kjær", "Lauridsen", "Dahl", "Skovgaard", "Ågård",
];

/** Staff first names that customers thank or complain about in comments. */
export const STAFF = ["Mette", "Jonas", "Line", "Kasper", "Signe", "Ahmed", "Birthe", "Oliver"];

type Pool = Record<Category, string[]>;

/** Danish comments per team; "{staff}" is replaced by a staff first name. */
export const TEAM_COMMENTS_DA: Record<DemoTeamSlug, Pool> = {
  support: {
    promoter: [
      "Hurtig og venlig hjælp i telefonen – tak til {staff}!",
      "{staff} løste mit problem på under fem minutter. Imponerende.",
      "Super god service i chatten, jeg fik svar med det samme.",
      "Endelig en kundeservice, der lytter. Tak for hjælpen!",
      "Meget tålmodig medarbejder, der forklarede alt grundigt.",
      "Jeg blev ringet op igen præcis som lovet. Det sætter jeg pris på.",
    ],
    passive: [
      "Fik hjælp, men ventetiden i telefonen var lidt lang.",
      "Ok oplevelse. Svaret var korrekt, men lidt kortfattet.",
      "Venlig medarbejder, men jeg måtte forklare sagen to gange.",
      "Chatten virker fint, men åbningstiderne kunne være længere.",
    ],
    detractor: [
      "Jeg ventede 40 minutter i telefonkø og blev så afbrudt.",
      "Ingen har svaret på min mail i over en uge.",
      "Jeg er blevet stillet om tre gange uden at få et svar.",
      "Medarbejderen virkede ligeglad med mit problem.",
      "Lovede at ringe tilbage, men det skete aldrig.",
    ],
  },
  salg: {
    promoter: [
      "{staff} gav et rigtig godt tilbud og tog sig god tid til os.",
      "Kompetent rådgivning – vi fik præcis det, vi havde brug for.",
      "Hurtigt tilbud og ærlig snak om pris og levering. Tak!",
      "God personlig betjening i butikken, {staff} kendte sine varer.",
      "Altid nemt at handle med jer. Vi bestiller igen.",
    ],
    passive: [
      "Fint tilbud, men det tog lidt tid at få det på skrift.",
      "God rådgivning, men priserne er steget en del siden sidst.",
      "Sælgeren var venlig, men kunne ikke svare på alle spørgsmål.",
      "Ok, men jeg savner lidt opfølgning efter købet.",
    ],
    detractor: [
      "Tilbuddet passede ikke med fakturaen. Det er ikke i orden.",
      "Sælgeren lovede noget, som ikke kunne holdes.",
      "For dyrt i forhold til konkurrenterne, og ingen ville forhandle.",
      "Ingen vendte tilbage på vores forespørgsel om rammeaftale.",
    ],
  },
  levering: {
    promoter: [
      "Pakken kom dagen efter, og chaufføren var meget venlig.",
      "Præcis levering inden for det lovede tidsrum. Perfekt.",
      "Fik en sms med tidspunkt og det holdt til minuttet.",
      "Chaufføren bar varerne helt ind. Tusind tak!",
    ],
    passive: [
      "Leveringen kom, men et par timer senere end lovet.",
      "Fint nok, men emballagen var lidt medtaget.",
      "Track & trace opdaterede ikke, men pakken kom.",
      "Ok levering. Det ville være rart at kunne vælge tidspunkt.",
    ],
    detractor: [
      "Pakken kom tre dage for sent, og ingen svarede på min mail.",
      "Varen var i stykker ved levering. Meget skuffende.",
      "Pakken blev stillet ved døren i regnvejr uden at ringe på.",
      "Leveringen blev udskudt to gange uden besked.",
      "Chaufføren kom slet ikke, selvom jeg tog fri fra arbejde.",
      "Forkert vare leveret, og returneringen er besværlig.",
    ],
  },
  webshop: {
    promoter: [
      "Nem og overskuelig webshop – bestilling på to minutter.",
      "Lækker hjemmeside, og betalingen med MobilePay virkede perfekt.",
      "Gode produktbeskrivelser, så jeg vidste præcis, hvad jeg købte.",
      "Fandt hurtigt det, jeg søgte. Søgefunktionen er god.",
    ],
    passive: [
      "Webshoppen er fin, men søgningen finder ikke altid det rigtige.",
      "Ok, men fragtprisen kom først frem til sidst.",
      "Lidt langsom på mobilen, ellers fint.",
      "Godt udvalg, men jeg savner flere billeder af varerne.",
    ],
    detractor: [
      "Betalingen fejlede tre gange, og kurven blev tømt.",
      "Rabatkoden virkede ikke, og ingen svarede i chatten.",
      "Hjemmesiden er forvirrende, jeg kunne ikke finde min ordre.",
      "Varen stod som på lager, men var udsolgt efter betaling.",
    ],
  },
};

/** Comments that fit any team. */
export const GENERIC_COMMENTS_DA: Pool = {
  promoter: ["Kan varmt anbefales!", "Alt gik som det skulle. Tak!", "Rigtig god oplevelse fra start til slut.", "Fem stjerner herfra 😊"],
  passive: ["Det var ok.", "Hverken godt eller skidt.", "Fint, men der er plads til forbedring.", "Som forventet."],
  detractor: ["Meget utilfreds. Jeg handler ikke hos jer igen.", "Dårlig oplevelse, desværre.", "Det her kan I gøre meget bedre."],
};

export const COMMENTS_EN: Pool = {
  promoter: [
    "Quick and friendly help, thank you {staff}!",
    "Great service, everything was sorted in one call.",
    "Easy to order and fast delivery. Will buy again.",
  ],
  passive: [
    "Fine overall, but it took a while to get an answer.",
    "Okay experience. The website could be easier to use in English.",
    "Good product, delivery was a bit slow.",
  ],
  detractor: [
    "My parcel arrived a week late and nobody answered my emails.",
    "Support kept me on hold for ages and then hung up.",
    "The invoice was wrong and I had to call three times.",
  ],
};

/** Comments with contact details, for the redaction features: "{email}" and "{phone}" are filled in. */
export const CONTACT_COMMENTS_DA: Pool = {
  promoter: [
    "Tak for hjælpen! Skriv endelig til mig på {email}, hvis I vil bruge min historie.",
    "Super service. I er velkomne til at ringe på {phone}.",
  ],
  passive: [
    "Ok, men ring gerne til mig på {phone}, så kan vi tale om fakturaen.",
    "Jeg mangler stadig en kvittering – send den til {email}.",
  ],
  detractor: [
    "Ring til mig på {phone} – jeg vil have mine penge tilbage!",
    "Ingen svarer. Kontakt mig på {email} eller {phone} hurtigst muligt.",
    "Jeg har skrevet fra {email} tre gange uden svar.",
  ],
};

export const CONTACT_COMMENTS_EN: Pool = {
  promoter: ["Brilliant! Feel free to contact me at {email}."],
  passive: ["Please call me on {phone} about my order."],
  detractor: ["Still no refund. Call me on {phone} or write to {email}."],
};
