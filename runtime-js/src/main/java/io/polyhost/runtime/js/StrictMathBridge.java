package io.polyhost.runtime.js;

import org.graalvm.polyglot.HostAccess;

/**
 * Transcendental functions for the guest's {@code Math}, answered by {@link StrictMath}: the Java
 * specification fixes its results bit for bit (the fdlibm algorithms), so every node computes the
 * same, unlike {@link Math} or GraalJS's own functions (graaljs.md §5). Public only because GraalJS
 * exports members of public classes.
 */
public final class StrictMathBridge {
  StrictMathBridge() {}

  @HostAccess.Export
  public double acos(double x) {
    return StrictMath.acos(x);
  }

  @HostAccess.Export
  public double asin(double x) {
    return StrictMath.asin(x);
  }

  @HostAccess.Export
  public double atan(double x) {
    return StrictMath.atan(x);
  }

  @HostAccess.Export
  public double atan2(double y, double x) {
    return StrictMath.atan2(y, x);
  }

  @HostAccess.Export
  public double cbrt(double x) {
    return StrictMath.cbrt(x);
  }

  @HostAccess.Export
  public double cos(double x) {
    return StrictMath.cos(x);
  }

  @HostAccess.Export
  public double cosh(double x) {
    return StrictMath.cosh(x);
  }

  @HostAccess.Export
  public double exp(double x) {
    return StrictMath.exp(x);
  }

  @HostAccess.Export
  public double expm1(double x) {
    return StrictMath.expm1(x);
  }

  @HostAccess.Export
  public double hypot(double x, double y) {
    return StrictMath.hypot(x, y);
  }

  @HostAccess.Export
  public double log(double x) {
    return StrictMath.log(x);
  }

  @HostAccess.Export
  public double log10(double x) {
    return StrictMath.log10(x);
  }

  @HostAccess.Export
  public double log1p(double x) {
    return StrictMath.log1p(x);
  }

  @HostAccess.Export
  public double pow(double x, double y) {
    return StrictMath.pow(x, y);
  }

  @HostAccess.Export
  public double sin(double x) {
    return StrictMath.sin(x);
  }

  @HostAccess.Export
  public double sinh(double x) {
    return StrictMath.sinh(x);
  }

  @HostAccess.Export
  public double tan(double x) {
    return StrictMath.tan(x);
  }

  @HostAccess.Export
  public double tanh(double x) {
    return StrictMath.tanh(x);
  }
}
