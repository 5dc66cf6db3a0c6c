/**
 * JMH benchmarks of small kernels. Run one with {@code ./mvnw -q test-compile exec:java} or,
 * simpler, {@code scripts/jmh BenchmarkClassName}; results go to docs/benchmarks.md.
 */
package dev.rapport.benchmarks;
