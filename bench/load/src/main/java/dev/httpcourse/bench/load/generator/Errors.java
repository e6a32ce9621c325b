package dev.httpcourse.bench.load.generator;

/**
 * What went wrong in a measured window, by kind. {@code io} counts requests lost to a reset or a
 * close with requests in flight; {@code badBody} counts 2xx responses whose body was checked and
 * wrong (they are not counted as completed).
 */
public record Errors(long non2xx, long connect, long io, long parse, long badBody, long timeout) {
    public static final Errors NONE = new Errors(0, 0, 0, 0, 0, 0);

    public long total() {
        return non2xx + connect + io + parse + badBody + timeout;
    }

    public Errors plus(Errors o) {
        return new Errors(non2xx + o.non2xx, connect + o.connect, io + o.io, parse + o.parse,
                badBody + o.badBody, timeout + o.timeout);
    }
}
