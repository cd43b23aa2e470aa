package com.temporalmall.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox provider's books, in memory (they die with the process): checkouts by id and by the
 * merchant's Idempotency-Key, and the events sent about them.
 */
public class Checkouts {
  /** The event type of a captured checkout. */
  public static final String CAPTURED_EVENT = "checkout.captured";

  private static final Logger log = LoggerFactory.getLogger(Checkouts.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Entry> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByKey = new ConcurrentHashMap<>();
  private final WebhookDelivery delivery;
  private final JsonMapper json;
  private final Clock clock;

  public Checkouts(WebhookDelivery delivery, JsonMapper json, Clock clock) {
    this.delivery = delivery;
    this.json = json;
    this.clock = clock;
  }

  /** A new checkout request: {@code amount} in {@code currency} for {@code reference}. */
  public record NewCheckout(long reference, long amount, String currency) {}

  /**
   * What a payment may carry, all optional; sandbox-only test options a real provider does not
   * have. {@code dropEvents}: the capture's event is never delivered (see {@link #pay}).
   */
  public record Payment(boolean dropEvents) {}

  /**
   * Thrown when a payment cannot be taken now because {@code sandbox.delivery.max-pending} events
   * already wait for delivery; nothing changed.
   */
  public static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("too many events wait for delivery to the merchant; nothing was captured, retry later");
    }
  }

  /** Thrown when an Idempotency-Key comes back with another request. */
  public static final class KeyReused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyReused(String key) {
      super("Idempotency-Key " + key + " was used for another checkout");
    }
  }

  /**
   * Opens a checkout; under an {@code idempotencyKey} (may be null) seen before, answers the first
   * one again - unless the request differs: {@link KeyReused}.
   */
  public Checkout create(String idempotencyKey, NewCheckout request) {
    if (idempotencyKey == null) {
      return open(request).view();
    }
    String id = idByKey.computeIfAbsent(idempotencyKey, _ -> open(request).id);
    Entry entry = byId.get(id);
    if (!entry.request.equals(request)) {
      throw new KeyReused(idempotencyKey);
    }
    return entry.view();
  }

  public Optional<Checkout> find(String id) {
    return Optional.ofNullable(byId.get(id)).map(Entry::view);
  }

  /**
   * Every captured checkout as a {@link Ledger} entry, with the Idempotency-Key it was opened with
   * (null: none).
   */
  public List<Ledger.Entry> captures() {
    Map<String, String> keyById = new HashMap<>();
    idByKey.forEach((key, id) -> keyById.put(id, key));
    return byId.values().stream()
        .map(Entry::view)
        .filter(checkout -> Checkout.CAPTURED.equals(checkout.status()))
        .sorted(Comparator.comparingLong(Checkout::created).thenComparing(Checkout::id))
        .map(
            checkout ->
                new Ledger.Entry(
                    Ledger.CAPTURE,
                    checkout.id(),
                    checkout.id(),
                    checkout.reference(),
                    checkout.amount(),
                    checkout.currency(),
                    keyById.get(checkout.id())))
        .toList();
  }

  /**
   * The buyer pays: an open checkout is captured and a {@value #CAPTURED_EVENT} event is queued for
   * delivery; a captured one stays as it is. Completes when the event's first delivery attempt has
   * finished (a sandbox convenience: a walk-through sees the mall's answer right after paying).
   *
   * @param dropEvents chaos, for tests: the capture's event is recorded but never delivered (0
   *     attempts, no duplicates), as if every delivery were lost; completes at once
   * @throws Busy when the event could not be queued: then the checkout stays open, as a real
   *     provider refuses a charge it cannot record rather than take money it tells nobody about
   */
  public Optional<CompletableFuture<Checkout>> pay(String id, boolean dropEvents) {
    Entry entry = byId.get(id);
    if (entry == null) {
      return Optional.empty();
    }
    EventEntry event;
    byte[] body = null;
    WebhookDelivery.Slot slot = null;
    synchronized (entry) {
      if (!entry.status.equals(Checkout.OPEN)) {
        return Optional.of(CompletableFuture.completedFuture(entry.view()));
      }
      event = new EventEntry("evt_" + token(), CAPTURED_EVENT);
      if (!dropEvents) {
        body = eventBody(event, entry);
        slot = delivery.reserve().orElseThrow(Busy::new);
      }
      entry.status = Checkout.CAPTURED;
      entry.events.add(event);
    }
    if (slot == null) {
      log.info("chaos: event {} of checkout {} is dropped, never delivered", event.id, id);
      return Optional.of(CompletableFuture.completedFuture(entry.view()));
    }
    return Optional.of(slot.deliver(body, event::record).thenApply(_ -> entry.view()));
  }

  private byte[] eventBody(EventEntry event, Entry entry) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", event.id);
    body.put("type", event.type);
    body.put("checkout", entry.id);
    body.put("reference", entry.request.reference());
    body.put("amount", entry.request.amount());
    body.put("currency", entry.request.currency());
    body.put("created", clock.instant().getEpochSecond());
    return json.writeValueAsBytes(body);
  }

  private Entry open(NewCheckout request) {
    Entry entry = new Entry("co_" + token(), request, clock.instant().getEpochSecond());
    byId.put(entry.id, entry);
    return entry;
  }

  private static String token() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static final class Entry {
    final String id;
    final NewCheckout request;
    final long created;
    final List<EventEntry> events = new ArrayList<>();
    String status = Checkout.OPEN;

    Entry(String id, NewCheckout request, long created) {
      this.id = id;
      this.request = request;
      this.created = created;
    }

    synchronized Checkout view() {
      return new Checkout(
          id,
          request.reference(),
          request.amount(),
          request.currency(),
          status,
          created,
          events.stream().map(EventEntry::view).toList());
    }
  }

  private static final class EventEntry {
    final String id;
    final String type;
    private int attempts;
    private int lastStatus;
    private boolean delivered;

    EventEntry(String id, String type) {
      this.id = id;
      this.type = type;
    }

    synchronized void record(WebhookDelivery.Attempt attempt) {
      attempts = attempt.number();
      lastStatus = attempt.status();
      delivered |= attempt.delivered();
    }

    synchronized Checkout.EventDelivery view() {
      return new Checkout.EventDelivery(id, type, attempts, lastStatus, delivered);
    }
  }
}
