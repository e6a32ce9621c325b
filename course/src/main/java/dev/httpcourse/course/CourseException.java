package dev.httpcourse.course;

/** Something the user can act on: printed as one line, without a stack trace. */
final class CourseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CourseException(String message) {
        super(message);
    }
}
