package io.snapsim.runtime.task;

/** An exception thrown by user code or an operator inside a task; it fails the job (and triggers a restart). */
public class TaskFailure extends RuntimeException {
    public TaskFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public TaskFailure(String message) {
        super(message);
    }
}
