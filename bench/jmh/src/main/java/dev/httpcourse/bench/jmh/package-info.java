/**
 * The course's JMH benchmarks, written after the JMH samples: each benchmark class is numbered,
 * self-contained, and opens with a header that says what it shows and how to run it.
 *
 * <h2>Numbers and names</h2>
 * {@code BenchNN_What}: {@code NN} numbers the question, in the order the book asks it, so that
 * {@code bench/jmh/run.sh BenchNN_} runs every answer to one question and the results table lists
 * them side by side; where several stages answer it, the name says whose code it measures.
 * <ol>
 * <li>a request head parsed, one class per stage, over one corpus ({@link RequestCorpus},
 *     {@link ParserBenchmark}): {@link dev.httpcourse.stage01.Bench01_ParseStage01 Bench01_ParseStage01},
 *     {@link dev.httpcourse.stage02.Bench01_ParseStage02 Bench01_ParseStage02},
 *     {@link dev.httpcourse.stage05.Bench01_ParseStage05 Bench01_ParseStage05};
 * <li>the json endpoint's body: {@link Bench02_JsonJackson} (stages 01 to 04) and
 *     {@link dev.httpcourse.stage05.Bench02_JsonWriter Bench02_JsonWriter} (stage 05);
 * <li>a response put on the wire: {@link Bench03_ResponseEncode};
 * <li>stage 05's search for line ends, SWAR against a byte loop and the Vector API:
 *     {@link dev.httpcourse.stage05.Bench04_LineScan Bench04_LineScan};
 * <li>stage 05's chunked bodies, decoded from off-heap memory: {@link Bench05_ChunkedFromSegment};
 * <li>stage 05's request path without the ring, receive buffer to send buffer:
 *     {@link dev.httpcourse.stage05.Bench06_RequestPath Bench06_RequestPath}.
 * </ol>
 *
 * <h2>Packages</h2>
 * A benchmark of one stage's code sits in that stage's package ({@code dev.httpcourse.stage01},
 * {@code stage02}, {@code stage05}), so that it calls the stage's own classes, package-private ones
 * included, without widening them for a benchmark: on the class path a package may span two jars.
 * Everything else is in this package: the benchmarks of {@code common}'s code, and what every
 * benchmark shares ({@link CourseBenchmark}'s settings, the corpus, the base classes, and
 * {@link JmhSummary}, which turns a run into the book's table).
 *
 * <h2>Running them</h2>
 * {@code bench/jmh/run.sh [JMH arguments]} builds the jar, runs JMH with {@code -prof gc} and writes
 * bench/results/jmh (the script's header has examples);
 * {@code java -jar bench/jmh/target/benchmarks.jar -l} lists the benchmarks of a built jar.
 */
package dev.httpcourse.bench.jmh;
