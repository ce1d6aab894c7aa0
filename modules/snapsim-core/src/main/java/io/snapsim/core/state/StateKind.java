package io.snapsim.core.state;

/**
 * The kind of a piece of keyed state, as recorded in snapshots. The codes are part of the
 * snapshot format and must never change.
 */
public enum StateKind {
    VALUE(0),
    LIST(1),
    MAP(2);

    final int code;

    StateKind(int code) {
        this.code = code;
    }

    /** The kind with this code, or null when there is none. */
    static StateKind ofCode(int code) {
        for (StateKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
