package dev.httpcourse.bench.load;

/** A server did not come up; {@code unavailable} when it explained it cannot run here (exit code 3). */
final class StartFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The exit code a server uses for "this machine cannot run me" (io_uring blocked, for example). */
    static final int EXIT_UNAVAILABLE = 3;

    private final boolean unavailable;

    StartFailure(String message, boolean unavailable) {
        super(message);
        this.unavailable = unavailable;
    }

    boolean unavailable() {
        return unavailable;
    }
}
