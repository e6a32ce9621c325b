/**
 * The conformance suite every stage binds: {@link dev.httpcourse.conformance.HttpConformanceSuite},
 * its binding contract {@link dev.httpcourse.conformance.HeadParser}, and the machinery behind them
 * (request cases, the three run modes, a strict raw-socket response reader, the fuzz oracle). Only
 * the suite and the parser interface are public; a stage needs nothing else.
 */
package dev.httpcourse.conformance;
