package com.temporalmall.api.product;

import com.temporalmall.api.temporal.TemporalStartsConfiguration;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.api.web.ProblemType;
import com.temporalmall.api.web.Problems;
import com.temporalmall.workflows.product.ProductView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who may try to buy, decided before any saga starts, per product and per API instance. A placement
 * is let through while the stock just read covers it and every placement already let through and
 * not yet answered; one the stock just read cannot cover is refused at once (409 {@code
 * insufficient-stock}, no workflow, no order row) - if a placement in flight fails later and gives
 * its item back, the next buyer finds it; any other waits, in arrival order, and is judged again
 * against a fresh read of the stock each time a placement of the product is answered. So a burst of
 * buyers starts about as many sagas as there is stock, and the rest are answered as soon as the
 * stock is gone.
 *
 * <p>Admission never decides who gets an item: the product worker's conditional decrement and its
 * barrier do, in the saga. Each API instance keeps its own gates without talking to the others; a
 * read of the stock that already counts a decrement this instance still holds in flight only makes
 * the gate stricter until that placement is answered, never lets more through. Nothing is cached
 * between requests: every request reads the stock, so stock coming back (an update, a cancelled
 * order's release) is seen by the next request on every instance.
 *
 * <p>{@code mall.api.stock-admission.enabled=false} lets every placement through to its saga, as
 * before this gate existed: a sold-out product is then refused inside the saga, which writes the
 * order with status 9 and compensates (the benchmark compares both; tests that show that saga use
 * it).
 */
@Component
public class StockAdmission {
  /** A placement let through; hand it back with {@link #release} once the placement is answered. */
  public record Ticket(long pid, int num) {}

  /**
   * The product as read for the placement, and its ticket (null when the gate is switched off:
   * there is nothing to release).
   */
  public record Admission(ProductView product, Ticket ticket) {}

  private final ProductReads products;
  private final Executor reads;
  private final boolean enabled;
  private final Counter turnedAway;
  // One small gate per product ordered since start; kept, so that no request ever finds a gate
  // another thread has just dropped.
  private final Map<Long, Gate> gates = new ConcurrentHashMap<>();

  public StockAdmission(
      ProductReads products,
      @Qualifier(TemporalStartsConfiguration.EXECUTOR) Executor reads,
      @Value("${mall.api.stock-admission.enabled:true}") boolean enabled,
      MeterRegistry meters) {
    this.products = products;
    this.reads = reads;
    this.enabled = enabled;
    this.turnedAway =
        Counter.builder("mall.orders.turned.away")
            .description("order/create requests the stock gate answered 409 without a saga")
            .register(meters);
  }

  /**
   * Reads the product for a placement of {@code num} items, lets {@code check} refuse it (a wrong
   * amount: nothing is held then), and judges it.
   *
   * @return completes with the admission when the placement may start its saga; exceptionally with
   *     {@link SoldOut} (409 {@code insufficient-stock}) when it cannot win, the read's or the
   *     check's failure, or a TimeoutException when it waited {@code maxWait} in vain (it then
   *     holds nothing)
   */
  public CompletableFuture<Admission> admit(
      long pid, int num, Duration maxWait, Consumer<ProductView> check) {
    return freshRead(pid)
        .thenCompose(
            product -> {
              check.accept(product);
              return enabled
                  ? judgeArrival(product, num, maxWait)
                  : CompletableFuture.completedFuture(new Admission(product, null));
            });
  }

  /** The placement's outcome is known: its items are no longer in flight. */
  public void release(Ticket ticket) {
    if (ticket == null) {
      return;
    }
    Gate gate = gates.get(ticket.pid());
    boolean reread;
    synchronized (gate) {
      gate.inFlight -= ticket.num();
      reread = !gate.waiting.isEmpty() && !gate.rejudging;
      gate.rejudging |= reread;
      gate.stale |= !reread && gate.rejudging;
    }
    if (reread) {
      judgeWaiting(ticket.pid(), gate);
    }
  }

  /**
   * A read of the product that starts after the caller asked for it, shared by every caller that
   * asks while it has not started: a burst of a thousand buyers of one product costs a handful of
   * reads, one at a time, instead of a thousand queueing for the read pool - and each buyer is
   * still judged against the stock as it was after he arrived.
   */
  private CompletableFuture<ProductView> freshRead(long pid) {
    Gate gate = gates.computeIfAbsent(pid, id -> new Gate());
    CompletableFuture<ProductView> read;
    boolean start;
    synchronized (gate) {
      if (gate.nextRead == null) {
        gate.nextRead = new CompletableFuture<>();
      }
      read = gate.nextRead;
      start = !gate.reading;
      if (start) {
        gate.reading = true;
        gate.nextRead = null;
      }
    }
    if (start) {
      CompletableFuture<ProductView> first = read;
      try {
        reads.execute(() -> readInTurn(pid, gate, first));
      } catch (RejectedExecutionException full) {
        // The executor's queue is full (Temporal or the database stopped answering): no read
        // runs, so this one and any that queued behind it fail now, and the next caller starts
        // a read again instead of waiting for one that never comes.
        CompletableFuture<ProductView> behind;
        synchronized (gate) {
          behind = gate.nextRead;
          gate.nextRead = null;
          gate.reading = false;
        }
        first.completeExceptionally(full);
        if (behind != null) {
          behind.completeExceptionally(full);
        }
      }
    }
    return read;
  }

  /** Runs the product's reads one after the other, each for the callers that asked before it. */
  private void readInTurn(long pid, Gate gate, CompletableFuture<ProductView> first) {
    for (CompletableFuture<ProductView> read = first; read != null; ) {
      try {
        read.complete(products.detail(pid));
      } catch (RuntimeException failed) {
        read.completeExceptionally(failed);
      }
      synchronized (gate) {
        read = gate.nextRead;
        gate.nextRead = null;
        gate.reading = read != null;
      }
    }
  }

  private CompletableFuture<Admission> judgeArrival(
      ProductView product, int num, Duration maxWait) {
    Gate gate = gates.get(product.id());
    Waiter waiter = new Waiter(product, new Ticket(product.id(), num), new CompletableFuture<>());
    waiter.admitted.orTimeout(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    Runnable verdict;
    synchronized (gate) {
      verdict = gate.waiting.isEmpty() ? judge(gate, waiter, product.stock()) : null;
      if (verdict == null) {
        gate.waiting.add(waiter);
      }
    }
    if (verdict != null) {
      verdict.run();
    }
    return waiter.admitted;
  }

  /** Reads the stock again and lets the waiting through in order, as far as it goes. */
  private void judgeWaiting(long pid, Gate gate) {
    synchronized (gate) {
      gate.stale = false;
    }
    CompletableFuture<?> _ =
        freshRead(pid)
            .whenComplete(
                (product, readFailed) -> {
                  List<Runnable> verdicts = new ArrayList<>();
                  boolean again;
                  synchronized (gate) {
                    if (readFailed != null) {
                      // Unknown product (removed meanwhile) or an unreachable database: the waiting
                      // get the answer a new request would get.
                      gate.waiting.forEach(
                          w -> verdicts.add(() -> w.admitted.completeExceptionally(readFailed)));
                      gate.waiting.clear();
                    }
                    for (Waiter head = gate.waiting.peek();
                        head != null;
                        head = gate.waiting.peek()) {
                      Runnable verdict =
                          head.admitted.isDone() ? () -> {} : judge(gate, head, product.stock());
                      if (verdict == null) {
                        break;
                      }
                      gate.waiting.poll();
                      verdicts.add(verdict);
                    }
                    again = gate.stale && !gate.waiting.isEmpty();
                    gate.rejudging = again;
                  }
                  verdicts.forEach(Runnable::run);
                  if (again) {
                    judgeWaiting(pid, gate);
                  }
                });
  }

  private record Waiter(
      ProductView product, Ticket ticket, CompletableFuture<Admission> admitted) {}

  private static final class Gate {
    /** Items claimed by placements let through and not yet answered. */
    long inFlight;

    final Deque<Waiter> waiting = new ArrayDeque<>();
    boolean rejudging;

    /** A placement was answered while the waiting were being judged again: judge once more. */
    boolean stale;

    /** A read of the product is running. */
    boolean reading;

    /** The read that starts when the running one is done, for everyone who asked meanwhile. */
    CompletableFuture<ProductView> nextRead;
  }

  /**
   * What to tell the waiter, against {@code stock}; null when it must wait. Called holding the
   * gate; the returned verdict is run after letting go of it.
   */
  private Runnable judge(Gate gate, Waiter waiter, int stock) {
    int num = waiter.ticket.num();
    if (gate.inFlight + num <= stock) {
      gate.inFlight += num;
      return () -> {
        if (!waiter.admitted.complete(new Admission(waiter.product, waiter.ticket))) {
          release(waiter.ticket); // it gave up waiting meanwhile: its items are not in flight
        }
      };
    }
    if (stock < num) {
      return () -> {
        turnedAway.increment();
        waiter.admitted.completeExceptionally(new SoldOut(waiter.product, waiter.ticket));
      };
    }
    return null;
  }

  /** The gate's refusal: 409 {@code insufficient-stock}, with the product it was judged on. */
  public static final class SoldOut extends ProblemException {
    private final transient ProductView product;

    SoldOut(ProductView product, Ticket ticket) {
      super(
          Problems.of(
              ProblemType.INSUFFICIENT_STOCK,
              "product " + ticket.pid() + " has fewer than " + ticket.num() + " in stock"));
      this.product = product;
    }

    public ProductView product() {
      return product;
    }
  }
}
