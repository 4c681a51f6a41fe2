using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Offload.Jobs;

/// <summary>
/// UUIDv7 job ids that strictly increase within this process (RFC 9562 §6.2, method 1: a 12-bit counter
/// in rand_a). <see cref="Guid.CreateVersion7()"/> fills the bits below the millisecond at random, so two
/// jobs created in the same millisecond sorted by id came back in either order; the list, its keyset
/// cursor and the claim all order by id, so the id must be creation order.
/// </summary>
public sealed class JobIds(TimeProvider clock)
{
    /// <summary>The process's one sequence: ids from two sequences would not be ordered between them.</summary>
    public static readonly JobIds Shared = new(TimeProvider.System);

    private readonly Lock _gate = new();
    private long _lastMs;
    private int _counter;

    /// <summary>A fresh id greater than every id this sequence made before.</summary>
    public Guid Next()
    {
        long ms;
        int counter;
        lock (_gate)
        {
            ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (ms > _lastMs)
            {
                _lastMs = ms;
                _counter = 0;
            }
            else if (++_counter > 0xFFF)
            {
                // 4,096 ids in one millisecond: borrow the next millisecond rather than wrap (RFC 9562 §6.2).
                _lastMs++;
                _counter = 0;
            }
            ms = _lastMs;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, ms << 16 | 0x7000L | (uint)counter);
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // variant 10
        return new Guid(bytes, bigEndian: true);
    }
}
