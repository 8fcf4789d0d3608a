package io.scission.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * TensorFlow Serving's {@code tensorflow.serving.PredictionService/Predict}, written by hand (one unary method).
 * Requests and responses travel as the serialised {@code PredictRequest} and {@code PredictResponse}: the same bytes
 * a generated stub would send, but the worker can time parsing and serialising itself, and pass a response it
 * forwards back unchanged, without parsing it.
 */
final class PredictionGrpc {

    /** The service's full name. */
    static final String SERVICE = "tensorflow.serving.PredictionService";

    /** A marshaller of raw message bytes. */
    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** Predict, on serialised messages. */
    static final MethodDescriptor<byte[], byte[]> PREDICT = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Predict"))
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    private PredictionGrpc() {
    }
}
