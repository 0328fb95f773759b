/** One candidate result; `ordinal` is its position in the index, so ties keep the library order. */
export interface Ranked<T> {
  score: number;
  ordinal: number;
  item: T;
}

/**
 * Keeps the best `capacity` candidates seen so far in a binary heap whose root is the worst of
 * them, so that a scan over every entry costs O(log k) per kept candidate and never sorts them all.
 */
export class TopK<T> {
  private readonly heap: Ranked<T>[] = [];

  constructor(private readonly capacity: number) {}

  get isFull(): boolean {
    return this.heap.length >= this.capacity;
  }

  /** The score a new candidate must beat to get in once the heap is full. */
  get threshold(): number {
    return this.isFull ? this.heap[0]!.score : -Infinity;
  }

  offer(candidate: Ranked<T>): void {
    if (this.capacity <= 0) return;
    if (!this.isFull) {
      this.heap.push(candidate);
      this.siftUp(this.heap.length - 1);
    } else if (isWorse(this.heap[0]!, candidate)) {
      this.heap[0] = candidate;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): Ranked<T>[] {
    return [...this.heap].sort((a, b) => (isWorse(a, b) ? 1 : -1));
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!isWorse(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    while (true) {
      const left = 2 * index + 1;
      const right = left + 1;
      let worst = index;
      if (left < heap.length && isWorse(heap[left]!, heap[worst]!)) worst = left;
      if (right < heap.length && isWorse(heap[right]!, heap[worst]!)) worst = right;
      if (worst === index) return;
      [heap[index], heap[worst]] = [heap[worst]!, heap[index]!];
      index = worst;
    }
  }
}

/** Lower score is worse; at equal scores the later entry is worse. */
function isWorse<T>(a: Ranked<T>, b: Ranked<T>): boolean {
  return a.score < b.score || (a.score === b.score && a.ordinal > b.ordinal);
}
