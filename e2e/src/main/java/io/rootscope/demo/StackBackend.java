package io.rootscope.demo;

/** The backend of a demo stack: where it answers; {@link #close()} stops it. */
public interface StackBackend extends AutoCloseable {

    String url();
}
