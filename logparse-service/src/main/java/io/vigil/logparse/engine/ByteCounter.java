package io.vigil.logparse.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

import io.vigil.logparse.format.KeyHash;
import io.vigil.logparse.format.Swar;

/**
 * Counts occurrences of byte strings, optimised for the per-line hot path (the layout of the One Billion Row
 * Challenge's fastest tables): one open-addressing hash table (linear probing, at most 70% full) over a
 * {@code long[]}, four longs per slot:
 * <pre>
 * [hash (32 bits) | length + 1 (32 bits)] [count] [key bytes 0..7] [key bytes 8..15, or where the key is in the arena]
 * </pre>
 * A key of up to 16 bytes (a short IPv6 address, a method, most short paths) lives in its slot, so a lookup reads one
 * slot and compares three words, whatever the table's size; a longer key's slot holds its first eight bytes and its
 * place in a byte arena, which is compared only when hash, length and first bytes already match. Nothing is
 * allocated per lookup; empty slots are all-zero words (a used slot's first word is never zero). Keys of up to fifteen
 * digits and dots (IPv4 addresses: most clients) are counted apart, each packed into a long, in a
 * {@link DigitKeyCounter}: half the bytes per key in what is the largest table of an analysis. The two tables are one
 * counter to the outside.
 */
final class ByteCounter {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int STRIDE = 4;
    private static final int INLINE = 16;
    /** Longest key {@link #inArena} compares a word at a time: bytes 8..31 are three words. */
    private static final int VECTOR_COMPARE = 32;
    private static final long LOW_INT = 0xFFFF_FFFFL;
    /** Slots from which {@link #large()} holds: 8192 slots of 32 bytes, 256 KiB. */
    private static final int LARGE_SLOTS = 8192 - 1;
    /** Most used slots per slot before the table doubles: linear probing stays short, the table stays small. */
    private static final double MAX_LOAD = 0.7;

    private long[] table = new long[64 * STRIDE];
    private int mask = 63;
    private int size;
    private byte[] arena = new byte[1024];
    private int arenaUsed;
    /** Where inline keys are spelled out for {@link #forEach} and {@link #top}. */
    private final byte[] keyA = new byte[INLINE];
    private final byte[] keyB = new byte[INLINE];
    /** The first pass of {@link #addAll}. */
    private final long[] batchFirst = new long[TopValues.BATCH];
    private final long[] batchSecond = new long[TopValues.BATCH];
    private final long[] batchMetas = new long[TopValues.BATCH];
    /** Each batched key packed for {@link #digitKeys}, or {@link DigitKeyCounter#NONE}. */
    private final long[] batchPacked = new long[TopValues.BATCH];
    private final DigitKeyCounter digitKeys = new DigitKeyCounter();
    /** Keeps the first pass's reads from being optimised away. */
    private long touched;

    /** Distinct keys counted. */
    int size() {
        return size + digitKeys.size();
    }

    /**
     * Counts occurrences of {@code buf[start, end)}.
     *
     * @return {@code false} when the key is new and {@code maxSize} distinct keys are already counted
     *         (nothing is counted then)
     */
    boolean add(byte[] buf, int start, int end, long times, int maxSize) {
        return add(buf, start, end, -1, times, maxSize);
    }

    /**
     * Counts occurrences of {@code buf[start, end)} whose {@link KeyHash} may be known.
     *
     * @param hash the key's hash as an unsigned number, or -1 to compute it
     * @return as {@link #add(byte[], int, int, long, int)}
     */
    boolean add(byte[] buf, int start, int end, long hash, long times, int maxSize) {
        long w0 = Swar.partialWord(buf, start, end);
        long w1 = Swar.partialWord(buf, start + Long.BYTES, end);
        long packed = DigitKeyCounter.pack(w0, w1, end - start);
        if (packed != DigitKeyCounter.NONE) {
            return digitKeys.add(packed, times, size() < maxSize);
        }
        int h = hash >= 0 ? (int) hash : KeyHash.of(w0, w1, buf, start, end);
        return count(meta(h, end - start), w0, w1, buf, start, times, maxSize);
    }

    /**
     * Whether the table is larger than the processor's caches are likely to hold, so that lookups are cache misses
     * worth overlapping in batches ({@link #addAll}); a small table is faster to use one key at a time.
     *
     * @return {@code true} past about a quarter of a megabyte of slots
     */
    boolean large() {
        return mask >= LARGE_SLOTS || digitKeys.large();
    }

    /**
     * Counts one occurrence of each of {@code count} keys {@code buf[starts[i], ends[i])}, in order, in two passes:
     * first the keys' words and hashes, then the table lookups, which do not depend on each other, so the processor
     * overlaps their cache misses (a table of many distinct clients is far larger than the caches).
     *
     * @param hashes each key's {@link KeyHash}, when the format computed it while scanning, or -1
     * @return how many keys were counted: {@code count}, or the index of the first new key refused because
     *         {@code maxSize} distinct keys are already counted
     */
    int addAll(byte[] buf, int[] starts, int[] ends, long[] hashes, int count, int maxSize) {
        long touched = 0;
        for (int i = 0; i < count; i++) {
            long w0 = Swar.partialWord(buf, starts[i], ends[i]);
            long w1 = Swar.partialWord(buf, starts[i] + Long.BYTES, ends[i]);
            long packed = DigitKeyCounter.pack(w0, w1, ends[i] - starts[i]);
            batchPacked[i] = packed;
            if (packed != DigitKeyCounter.NONE) {
                continue;
            }
            int hash = hashes[i] >= 0 ? (int) hashes[i] : KeyHash.of(w0, w1, buf, starts[i], ends[i]);
            batchFirst[i] = w0;
            batchSecond[i] = w1;
            batchMetas[i] = meta(hash, ends[i] - starts[i]);
        }
        // Touching each key's first slot in a loop this small lets the processor have all the batch's cache misses
        // in flight at once; the lookups below then find the slots in the cache.
        for (int i = 0; i < count; i++) {
            long packed = batchPacked[i];
            touched += packed != DigitKeyCounter.NONE ? digitKeys.touch(packed)
                    : table[((int) (batchMetas[i] >>> 32) & mask) * STRIDE];
        }
        this.touched = touched;
        for (int i = 0; i < count; i++) {
            long packed = batchPacked[i];
            boolean counted = packed != DigitKeyCounter.NONE ? digitKeys.add(packed, 1, size() < maxSize)
                    : count(batchMetas[i], batchFirst[i], batchSecond[i], buf, starts[i], 1, maxSize);
            if (!counted) {
                return i;
            }
        }
        return count;
    }

    /** Counts a key whose hash and first words are known: adds to its count, or inserts it when there is room. */
    private boolean count(long meta, long w0, long w1, byte[] buf, int start, long times, int maxSize) {
        int length = (int) (meta & LOW_INT) - 1;
        int at = find(meta, w0, w1, buf, start, length);
        if (at >= 0) {
            table[at + 1] += times;
            return true;
        }
        if (size() >= maxSize) {
            return false;
        }
        insert(-at - 1, meta, w0, length <= INLINE ? w1 : toArena(buf, start, length), times);
        return true;
    }

    /** The key's slot, or {@code -(empty slot) - 1} where it would go. */
    private int find(long meta, long w0, long w1, byte[] buf, int start, int length) {
        for (int slot = (int) (meta >>> 32) & mask; ; slot = slot + 1 & mask) {
            int at = slot * STRIDE;
            long found = table[at];
            if (found == meta && table[at + 2] == w0
                && (length <= INLINE ? table[at + 3] == w1 : inArena(table[at + 3], buf, start, length))) {
                return at;
            }
            if (found == 0) {
                return -at - 1;
            }
        }
    }

    /** A slot's first word: the hash, and the length + 1 (never zero, unlike an empty slot). */
    private static long meta(int hash, int length) {
        return (long) hash << 32 | length + 1;
    }



    /**
     * Adds every key of another counter with its count (no size limit). The other table's slots already hold each key's
     * hash and first words, so nothing is hashed again; the lookups do not depend on each other and overlap.
     */
    void addAll(ByteCounter other) {
        long[] slots = other.table;
        for (int at = 0; at < slots.length; at += STRIDE) {
            long meta = slots[at];
            if (meta != 0) {
                // A long key's bytes are in the other arena, at the offset its slot holds.
                count(meta, slots[at + 2], slots[at + 3], other.arena, (int) slots[at + 3], slots[at + 1], Integer.MAX_VALUE);
            }
        }
        digitKeys.addAll(other.digitKeys);
    }

    /** Calls {@code action} with each key and its count; the key's bytes are only valid during the call. */
    void forEach(EntryAction action) {
        for (int at = 0; at < table.length; at += STRIDE) {
            if (table[at] != 0) {
                int length = length(at);
                if (length <= INLINE) {
                    action.accept(spell(at, keyA), 0, length, table[at + 1]);
                } else {
                    action.accept(arena, (int) table[at + 3], length, table[at + 1]);
                }
            }
        }
        for (int slot = 0; slot < digitKeys.slots(); slot++) {
            long key = digitKeys.key(slot);
            if (key != DigitKeyCounter.NONE) {
                action.accept(keyA, 0, DigitKeyCounter.unpack(key, keyA), digitKeys.count(slot));
            }
        }
    }

    /**
     * The keys with the highest counts, highest first, ties in byte (UTF-8 code point) order.
     *
     * @param limit how many
     * @return keys as text with their counts
     */
    List<ValueCount> top(int limit) {
        PriorityQueue<Integer> best = new PriorityQueue<>(Math.max(1, Math.min(limit, size())), (a, b) -> -compare(a, b));
        for (int at = 0; at < table.length; at += STRIDE) {
            if (table[at] != 0) {
                offer(best, at, limit);
            }
        }
        for (int slot = 0; slot < digitKeys.slots(); slot++) {
            if (digitKeys.key(slot) != DigitKeyCounter.NONE) {
                offer(best, -slot - 1, limit);
            }
        }
        List<ValueCount> top = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            int key = best.poll();
            int length = keyLength(key, keyA);
            top.add(new ValueCount(new String(bytes(key, keyA), offset(key), length, StandardCharsets.UTF_8), count(key)));
        }
        return top.reversed();
    }

    /**
     * Keeps a key among the best {@code limit}. Keys are named by an int: a slot of the byte table (its first index,
     * at least 0), or {@code -(slot) - 1} for a slot of {@link #digitKeys}.
     */
    private void offer(PriorityQueue<Integer> best, int key, int limit) {
        if (best.size() < limit) {
            best.add(key);
        } else if (compare(key, best.peek()) < 0) {
            best.poll();
            best.add(key);
        }
    }

    /** Orders keys (as {@link #offer} names them): higher count first, then smaller key. */
    private int compare(int a, int b) {
        int byCount = Long.compare(count(b), count(a));
        if (byCount != 0) {
            return byCount;
        }
        int la = keyLength(a, keyA);
        int lb = keyLength(b, keyB);
        int oa = offset(a);
        int ob = offset(b);
        return Arrays.compareUnsigned(bytes(a, keyA), oa, oa + la, bytes(b, keyB), ob, ob + lb);
    }

    private long count(int key) {
        return key >= 0 ? table[key + 1] : digitKeys.count(-key - 1);
    }

    /** A key's length; a packed key is unpacked into {@code scratch} on the way, for {@link #bytes}. */
    private int keyLength(int key, byte[] scratch) {
        return key >= 0 ? length(key) : DigitKeyCounter.unpack(digitKeys.key(-key - 1), scratch);
    }

    /** The array holding a key's bytes from {@link #offset}: the arena for a long key, else {@code scratch}. */
    private byte[] bytes(int key, byte[] scratch) {
        if (key < 0) {
            return scratch;
        }
        return length(key) <= INLINE ? spell(key, scratch) : arena;
    }

    private int offset(int key) {
        return key >= 0 && length(key) > INLINE ? (int) table[key + 3] : 0;
    }

    private int length(int at) {
        return (int) (table[at] & LOW_INT) - 1;
    }

    /** Writes an inline key's bytes into {@code into}. */
    private byte[] spell(int at, byte[] into) {
        LONGS.set(into, 0, table[at + 2]);
        LONGS.set(into, Long.BYTES, table[at + 3]);
        return into;
    }

    /**
     * Whether a long key's bytes 8.. in the arena equal {@code buf}'s (bytes 0..7 are compared in the slot). A key of
     * more than {@link #VECTOR_COMPARE} bytes (most user agents) is compared by
     * {@link Arrays#equals(byte[], int, int, byte[], int, int)}, an intrinsic comparing a vector at a time; a shorter
     * one (paths, referrers) faster by a word or two.
     */
    private boolean inArena(long offset, byte[] buf, int start, int length) {
        int at = (int) offset;
        if (length > VECTOR_COMPARE) {
            return Arrays.equals(arena, at + Long.BYTES, at + length, buf, start + Long.BYTES, start + length);
        }
        // The key's last eight bytes, and bytes 8..23 when it is longer than 24 (overlapping what else is compared).
        int last = length - Long.BYTES;
        long difference = (long) LONGS.get(arena, at + last) ^ (long) LONGS.get(buf, start + last);
        if (length > 3 * Long.BYTES) {
            difference |= (long) LONGS.get(arena, at + Long.BYTES) ^ (long) LONGS.get(buf, start + Long.BYTES)
                          | (long) LONGS.get(arena, at + 2 * Long.BYTES) ^ (long) LONGS.get(buf, start + 2 * Long.BYTES);
        } else if (length > 2 * Long.BYTES) {
            difference |= (long) LONGS.get(arena, at + Long.BYTES) ^ (long) LONGS.get(buf, start + Long.BYTES);
        }
        return difference == 0;
    }

    /** Copies a long key into the arena; returns where it starts. */
    private long toArena(byte[] buf, int start, int length) {
        if (arenaUsed + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + length));
        }
        System.arraycopy(buf, start, arena, arenaUsed, length);
        arenaUsed += length;
        return arenaUsed - length;
    }

    private void insert(int at, long meta, long w0, long last, long times) {
        table[at] = meta;
        table[at + 1] = times;
        table[at + 2] = w0;
        table[at + 3] = last;
        size++;
        if (size > MAX_LOAD * (mask + 1)) {
            grow();
        }
    }

    private void grow() {
        // a slot's first long is its meta, whose upper half is the key's hash (as in find)
        table = LinearProbing.doubled(table, STRIDE, (meta, newMask) -> (int) (meta >>> 32) & newMask);
        mask = table.length / STRIDE - 1;
    }

    /** Receives one key (as a region of a byte array) and its count. */
    @FunctionalInterface
    interface EntryAction {
        void accept(byte[] buf, int offset, int length, long count);
    }
}
