package io.polyhost.api.error;

import io.polyhost.api.proto.CallSiteProto;

/** What kind of call an error happened in. */
public enum CallType {
  /** A transaction or child call to a method. */
  METHOD(CallSiteProto.Type.METHOD),
  /** The service constructor. */
  CONSTRUCTOR(CallSiteProto.Type.CONSTRUCTOR),
  /** The hook run before the block's transactions. */
  BEFORE_TRANSACTIONS(CallSiteProto.Type.BEFORE_TRANSACTIONS),
  /** The hook run after the block's transactions. */
  AFTER_TRANSACTIONS(CallSiteProto.Type.AFTER_TRANSACTIONS),
  /** The resume hook of a stopped or frozen service. */
  RESUME(CallSiteProto.Type.RESUME);

  private final CallSiteProto.Type proto;

  CallType(CallSiteProto.Type proto) {
    this.proto = proto;
  }

  CallSiteProto.Type toProto() {
    return proto;
  }

  static CallType fromProto(CallSiteProto.Type proto) {
    for (CallType t : values()) {
      if (t.proto == proto) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown call type " + proto);
  }
}
