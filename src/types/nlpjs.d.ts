// NLP.js ships no types; it is only the baseline in the NLU report and benchmark.
declare module '@nlpjs/basic';
