package dev.httpcourse.common.http;

/**
 * The header fields a server here acts on, recognised from the name's bytes without building a
 * String (field names are case-insensitive, RFC 9110 section 5.1). Every other field is
 * {@link #OTHER}: kept, never interpreted.
 */
public enum FieldName {
    HOST("host"),
    CONTENT_LENGTH("content-length"),
    TRANSFER_ENCODING("transfer-encoding"),
    CONNECTION("connection"),
    EXPECT("expect"),
    CONTENT_TYPE("content-type"),
    OTHER("");

    private final String lowerCase;

    FieldName(String lowerCase) {
        this.lowerCase = lowerCase;
    }

    /** The name as the rules compare it, lower-case. */
    public String lowerCase() {
        return lowerCase;
    }

    // tag::field-name-of[]
    /** The field {@code name} is, or {@link #OTHER}; the length picks the one candidate to compare. */
    public static FieldName of(ByteView name) {
        FieldName candidate = switch (name.length()) {
            case 4 -> HOST;
            case 6 -> EXPECT;
            case 10 -> CONNECTION;
            case 12 -> CONTENT_TYPE;
            case 14 -> CONTENT_LENGTH;
            case 17 -> TRANSFER_ENCODING;
            default -> OTHER;
        };
        return candidate != OTHER && name.equalsIgnoreCase(candidate.lowerCase) ? candidate : OTHER;
    }
    // end::field-name-of[]
}
