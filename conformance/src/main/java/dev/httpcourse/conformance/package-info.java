/**
 * The conformance suite every stage binds: {@link dev.httpcourse.conformance.HttpConformanceSuite},
 * its binding contract {@link dev.httpcourse.conformance.HeadParser}, and the machinery behind them
 * (request cases, the three run modes, a strict raw-socket response reader, the fuzz oracle). Only
 * the suite and the parser interface are public; a stage needs nothing else. The one other public
 * class, {@link dev.httpcourse.conformance.EndpointContract}, holds the benchmark's peers (servers the
 * course did not write) to the suite's endpoint cases alone.
 */
package dev.httpcourse.conformance;
