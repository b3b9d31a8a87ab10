package dev.drover.engine.store.etcd;

import dev.drover.engine.store.StoreException;

/**
 * etcd could not be reached or has no quorum: writes are refused (the store is read-only at best) until
 * enough members are back. Reads may still be answered from a surviving member, possibly stale.
 */
public final class EtcdUnavailableException extends StoreException {
    public EtcdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
