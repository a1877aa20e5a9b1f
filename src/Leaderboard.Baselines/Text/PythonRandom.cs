namespace Leaderboard.Baselines.Text;

/// <summary>
/// CPython's <c>random</c> module, bit for bit, as far as the paper's neighbour baseline uses it:
/// <c>random.seed(n)</c> for a whole number, <c>getrandbits(k)</c> for k ≤ 32 and <c>shuffle</c> (through
/// <c>_randbelow</c>). The generator is MT19937 seeded by <c>init_by_array</c> with the seed's 32-bit words,
/// as CPython's <c>_randommodule.c</c> does. The paper's figures hold for exactly this stream (seed 42):
/// any other shuffle gives other numbers.
/// </summary>
public sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary>The generator after <c>random.seed(seed)</c>.</summary>
    public PythonRandom(ulong seed)
    {
        // CPython seeds with the absolute value's 32-bit words, least significant first; zero is one word.
        uint[] key = seed >> 32 == 0 ? [(uint)seed] : [(uint)seed, (uint)(seed >> 32)];
        InitByArray(key);
    }

    /// <summary><c>random.getrandbits(bits)</c> for 1 ≤ bits ≤ 32.</summary>
    public uint GetRandBits(int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 32);
        return NextUInt32() >> (32 - bits);
    }

    /// <summary><c>random.shuffle(list)</c>: Fisher–Yates from the end, each index drawn by <c>_randbelow(i + 1)</c>.</summary>
    public void Shuffle<T>(IList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = RandBelow(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary><c>_randbelow_with_getrandbits</c>: draws n's bit length in bits until the number is below n.</summary>
    private int RandBelow(int n)
    {
        var bits = 32 - uint.LeadingZeroCount((uint)n);
        uint r;
        do
        {
            r = GetRandBits((int)bits);
        }
        while (r >= n);
        return (int)r;
    }

    private void InitGenrand(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < N; i++)
        {
            _state[i] = (1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i;
        }

        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (var k = N - 1; k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
        }

        _state[0] = 0x80000000u;
    }

    private uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        var y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (var k = 0; k < N; k++)
        {
            var y = (_state[k] & 0x80000000u) | (_state[(k + 1) % N] & 0x7fffffffu);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : 0x9908b0dfu);
        }

        _index = 0;
    }
}
