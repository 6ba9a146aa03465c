// The two text packages ship no type declarations; only what src/core/themes uses is declared.
declare module "snowball-stemmers" {
  interface Stemmer {
    stem(word: string): string;
  }
  const snowball: { newStemmer(language: string): Stemmer; algorithms(): string[] };
  export default snowball;
}

declare module "stopword" {
  /** Stop-word lists by ISO 639-3 code (dan, eng, …) */
  const stopword: Record<string, string[]>;
  export default stopword;
}
