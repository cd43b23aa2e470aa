package com.temporalmall.e2e;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A secured Temporal frontend for the tests: TLS with a server certificate, client certificates
 * required (mTLS) and an API key required in {@code authorization: Bearer <key>}, forwarding every
 * accepted call unchanged to the real dev server. The Temporal dev server itself has no TLS
 * settings; this plays the part of a TLS-terminating ingress or of Temporal Cloud's checks.
 */
final class TlsTemporalFrontend implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel upstream;
  private final Server server;
  private final Set<String> forwardedMethods = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refusedForApiKey = new AtomicInteger();

  private TlsTemporalFrontend(
      String upstreamTarget, TestCertificates.Issued serverIdentity, Path clientCa, String apiKey)
      throws IOException {
    upstream = ManagedChannelBuilder.forTarget(upstreamTarget).usePlaintext().build();
    SslContextBuilder tls =
        GrpcSslContexts.configure(
                SslContextBuilder.forServer(
                    serverIdentity.certificate().toFile(), serverIdentity.privateKey().toFile()))
            .trustManager(clientCa.toFile())
            .clientAuth(ClientAuth.REQUIRE);
    server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0))
            .sslContext(tls.build())
            .fallbackHandlerRegistry(new ForwardEverything())
            .intercept(requireApiKey(apiKey))
            .build()
            .start();
  }

  static TlsTemporalFrontend start(
      String upstreamTarget, TestCertificates.Issued serverIdentity, Path clientCa, String apiKey) {
    try {
      return new TlsTemporalFrontend(upstreamTarget, serverIdentity, clientCa, apiKey);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the TLS frontend", e);
    }
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /**
   * Full gRPC method names forwarded to Temporal, e.g.
   * temporal.api.workflowservice.v1.WorkflowService/PollActivityTaskQueue.
   */
  Set<String> forwardedMethods() {
    return forwardedMethods;
  }

  int refusedForApiKey() {
    return refusedForApiKey.get();
  }

  private ServerInterceptor requireApiKey(String apiKey) {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!("Bearer " + apiKey).equals(headers.get(AUTHORIZATION))) {
          refusedForApiKey.incrementAndGet();
          call.close(
              Status.UNAUTHENTICATED.withDescription("missing or wrong API key"), new Metadata());
          return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
      }
    };
  }

  /** Every method, whatever its service: bytes in, bytes out. */
  private final class ForwardEverything extends HandlerRegistry {
    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> method =
          MethodDescriptor.newBuilder(RawBytes.INSTANCE, RawBytes.INSTANCE)
              .setType(MethodDescriptor.MethodType.UNKNOWN)
              .setFullMethodName(methodName)
              .build();
      return ServerMethodDefinition.create(method, new Forward(method));
    }
  }

  private final class Forward implements ServerCallHandler<byte[], byte[]> {
    private final MethodDescriptor<byte[], byte[]> method;

    Forward(MethodDescriptor<byte[], byte[]> method) {
      this.method = method;
    }

    @Override
    public ServerCall.Listener<byte[]> startCall(
        ServerCall<byte[], byte[]> serverCall, Metadata headers) {
      forwardedMethods.add(method.getFullMethodName());
      // Runs in the server call's gRPC context, so its deadline (e.g. of a long poll) carries over.
      ClientCall<byte[], byte[]> clientCall = upstream.newCall(method, CallOptions.DEFAULT);
      clientCall.start(
          new ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata responseHeaders) {
              serverCall.sendHeaders(responseHeaders);
            }

            @Override
            public void onMessage(byte[] message) {
              serverCall.sendMessage(message);
              clientCall.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
              serverCall.close(status, trailers);
            }
          },
          headers);
      clientCall.request(1);
      serverCall.request(1);
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(byte[] message) {
          clientCall.sendMessage(message);
          serverCall.request(1);
        }

        @Override
        public void onHalfClose() {
          clientCall.halfClose();
        }

        @Override
        public void onCancel() {
          clientCall.cancel("client cancelled", null);
        }
      };
    }
  }

  private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw Status.INTERNAL.withCause(e).asRuntimeException();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    upstream.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
