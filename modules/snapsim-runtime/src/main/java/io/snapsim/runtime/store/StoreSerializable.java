package io.snapsim.runtime.store;

/**
 * Marks the events and snapshots of this package as serialized with Pekko's {@code jackson-cbor}
 * serializer; the binding lives in the runtime's {@code reference.conf}. Anything written to a
 * journal or snapshot store must implement it, or persisting fails at run time.
 */
public interface StoreSerializable {}
