/**
 * Just enough of the protobuf wire format to write an ONNX model by hand: varints (non-negative only),
 * length-delimited bytes, strings and nested messages. Fields are written in call order.
 */
export class ProtobufWriter {
  private readonly chunks: Buffer[] = [];

  varint(field: number, value: number): this {
    return this.raw(encodeVarint((field << 3) | 0), encodeVarint(value));
  }

  bytes(field: number, value: Uint8Array): this {
    return this.raw(encodeVarint((field << 3) | 2), encodeVarint(value.length), Buffer.from(value));
  }

  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  message(field: number, build: (writer: ProtobufWriter) => void): this {
    const nested = new ProtobufWriter();
    build(nested);
    return this.bytes(field, nested.finish());
  }

  finish(): Buffer {
    return Buffer.concat(this.chunks);
  }

  private raw(...parts: Buffer[]): this {
    this.chunks.push(...parts);
    return this;
  }
}

function encodeVarint(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Only non-negative safe integers, got ${value}.`);
  const bytes: number[] = [];
  let remaining = value;
  while (remaining >= 0x80) {
    bytes.push((remaining % 0x80) | 0x80);
    remaining = Math.floor(remaining / 0x80);
  }
  bytes.push(remaining);
  return Buffer.from(bytes);
}
