package io.snapsim.core.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Gives every subtask its own copy of a user function, as Flink does by serializing functions into
 * each task: a function may keep fields (state handles, counters) that must not be shared.
 */
final class Functions {
    private Functions() {
    }

    @SuppressWarnings("unchecked")
    static <T extends Serializable> T copy(T function) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(function);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                @Override
                protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                    return Class.forName(desc.getName(), false, function.getClass().getClassLoader());
                }
            }) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("function " + function.getClass().getName()
                    + " is not serializable; every field of a function must be Serializable: " + e, e);
        }
    }

    /** Fails early, when the job is built, for a function that cannot be copied. */
    static <T extends Serializable> T checked(T function) {
        copy(function);
        return function;
    }
}
