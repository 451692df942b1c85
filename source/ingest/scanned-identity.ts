import { Kind, type RecordScanner, Slot } from './record-scan.js';

/** The record's userIdentity for principalOf, read through the scanner as it is asked. */
export class ScannedIdentity {
  constructor(
    private readonly text: (slot: number) => string,
    private readonly scanner: RecordScanner,
  ) {}

  get type(): string {
    return this.text(Slot.identityType);
  }

  get arn(): string {
    return this.text(Slot.identityArn);
  }

  get userName(): string {
    return this.text(Slot.identityUserName);
  }

  get principalId(): string {
    return this.text(Slot.principalId);
  }

  get accountId(): string {
    return this.text(Slot.identityAccountId);
  }

  get invokedBy(): string {
    return this.text(Slot.invokedBy);
  }

  get sessionContext(): object | undefined {
    if (this.scanner.kind(Slot.sessionContext) !== Kind.object) return undefined;
    if (this.scanner.kind(Slot.sessionIssuer) !== Kind.object) return {};
    return { sessionIssuer: { userName: this.text(Slot.issuerUserName) } };
  }

  get onBehalfOf(): object | undefined {
    if (this.scanner.kind(Slot.onBehalfOf) !== Kind.object) return undefined;
    return { userId: this.text(Slot.onBehalfOfUserId) };
  }
}

/** Per identity ARN (the scanner's id): the principal's builder id and the ids it came from. */
export class PrincipalCache {
  name = new Int32Array(0);
  type = new Int32Array(0);
  userName = new Int32Array(0);
  issuer = new Int32Array(0);

  reserve(arn: number): void {
    if (arn < this.name.length) return;
    const size = Math.max(arn + 1, this.name.length * 2, 1024);
    const grow = (old: Int32Array, fill: number) => {
      const next = new Int32Array(size).fill(fill);
      next.set(old);
      return next;
    };
    this.name = grow(this.name, -1);
    this.type = grow(this.type, 0);
    this.userName = grow(this.userName, 0);
    this.issuer = grow(this.issuer, 0);
  }
}
