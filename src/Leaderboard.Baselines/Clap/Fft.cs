namespace Leaderboard.Baselines.Clap;

/// <summary>An in-place iterative radix-2 complex FFT of one power-of-two size, with its twiddles and bit-reversal precomputed.</summary>
public sealed class Fft
{
    private readonly int _size;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly int[] _reversed;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The FFT size must be a power of two of at least 2.");
        }

        _size = size;
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (var k = 0; k < size / 2; k++)
        {
            _cos[k] = Math.Cos(2 * Math.PI * k / size);
            _sin[k] = -Math.Sin(2 * Math.PI * k / size);
        }

        var bits = System.Numerics.BitOperations.Log2((uint)size);
        _reversed = new int[size];
        for (var i = 0; i < size; i++)
        {
            _reversed[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
        }
    }

    public int Size => _size;

    /// <summary>X[k] = Σ x[n]·e^(−2πi·kn/N), in place.</summary>
    public void Transform(Span<double> real, Span<double> imaginary)
    {
        if (real.Length != _size || imaginary.Length != _size)
        {
            throw new ArgumentException($"Both parts must have {_size} values.", nameof(real));
        }

        for (var i = 0; i < _size; i++)
        {
            var j = _reversed[i];
            if (j > i)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imaginary[i], imaginary[j]) = (imaginary[j], imaginary[i]);
            }
        }

        for (var length = 2; length <= _size; length <<= 1)
        {
            var half = length >> 1;
            var stride = _size / length;
            for (var start = 0; start < _size; start += length)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = _cos[k * stride];
                    var wi = _sin[k * stride];
                    var a = start + k;
                    var b = a + half;
                    var tr = (real[b] * wr) - (imaginary[b] * wi);
                    var ti = (real[b] * wi) + (imaginary[b] * wr);
                    real[b] = real[a] - tr;
                    imaginary[b] = imaginary[a] - ti;
                    real[a] += tr;
                    imaginary[a] += ti;
                }
            }
        }
    }

    private static uint ReverseBits(uint value)
    {
        value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
        value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
        value = ((value >> 4) & 0x0F0F0F0Fu) | ((value & 0x0F0F0F0Fu) << 4);
        value = ((value >> 8) & 0x00FF00FFu) | ((value & 0x00FF00FFu) << 8);
        return (value >> 16) | (value << 16);
    }
}
