package dev.httpcourse.common.http;

/** One header field as received: the name keeps its case, the value has no surrounding whitespace. */
public record Header(String name, String value) {
    public boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }
}
