// realtime/channels.ts — named channels for broadcast and presence. A connection joins a channel when it subscribes
// (listen-only clients included), broadcasts, or tracks presence. Broadcasts reach every member, the sender too.
// Frames follow the contract, with the inner object repeated at the top level for SDK builds that read it there.

export interface ChannelMember {
  readonly id: string
  sendJson(json: string): boolean
}

type PresenceState = Record<string, unknown>

function frame(type: 'broadcast' | 'presence', channel: string, inner: Record<string, unknown>): string {
  return JSON.stringify({ type, channel, payload: { [type]: inner }, [type]: inner })
}

export function createChannels() {
  const members = new Map<string, Set<ChannelMember>>()
  // channel → presence key → state and owner
  const presence = new Map<string, Map<string, { state: PresenceState; member: ChannelMember }>>()

  function current(channel: string): Record<string, PresenceState[]> {
    const out: Record<string, PresenceState[]> = {}
    for (const [key, p] of presence.get(channel) ?? []) out[key] = [p.state]
    return out
  }

  function send(channel: string, json: string): number {
    let n = 0
    for (const m of members.get(channel) ?? []) if (m.sendJson(json)) n++
    return n
  }

  function untrackKey(channel: string, key: string): void {
    const map = presence.get(channel)
    const p = map?.get(key)
    if (!map || !p) return
    map.delete(key)
    if (map.size === 0) presence.delete(channel)
    send(channel, frame('presence', channel, { event: 'leave', key, leftPresences: [p.state], currentPresences: current(channel) }))
  }

  return {
    /** Joins; a newcomer to a channel with presences gets a `sync` so it starts from the current state. */
    join(channel: string, member: ChannelMember): void {
      let set = members.get(channel)
      if (!set) members.set(channel, (set = new Set()))
      if (set.has(member)) return
      set.add(member)
      if (presence.get(channel)?.size) member.sendJson(frame('presence', channel, { event: 'sync', currentPresences: current(channel) }))
    },
    isMember(channel: string, member: ChannelMember): boolean {
      return members.get(channel)?.has(member) ?? false
    },
    leave(channel: string, member: ChannelMember): void {
      for (const [key, p] of [...(presence.get(channel) ?? [])]) if (p.member === member) untrackKey(channel, key)
      const set = members.get(channel)
      set?.delete(member)
      if (set && set.size === 0) members.delete(channel)
    },
    leaveAll(member: ChannelMember): void {
      for (const channel of [...members.keys()]) if (members.get(channel)?.has(member)) this.leave(channel, member)
    },
    /** Returns how many connections it reached. */
    broadcast(channel: string, event: string, payload: unknown): number {
      return send(channel, frame('broadcast', channel, { event, payload }))
    },
    track(channel: string, member: ChannelMember, key: string, state: PresenceState): void {
      let map = presence.get(channel)
      if (!map) presence.set(channel, (map = new Map()))
      const isNew = !map.has(key)
      map.set(key, { state, member })
      if (isNew) send(channel, frame('presence', channel, { event: 'join', key, newPresences: [state], currentPresences: current(channel) }))
      else send(channel, frame('presence', channel, { event: 'sync', currentPresences: current(channel) }))
    },
    untrack(channel: string, member: ChannelMember, key: string): boolean {
      const p = presence.get(channel)?.get(key)
      if (!p || p.member !== member) return false
      untrackKey(channel, key)
      return true
    },
    /** Every channel with its members' ids and presence state (for the studio's realtime inspector). */
    list(): Array<{ name: string; members: string[]; presence: Array<{ key: string; member: string; state: PresenceState }> }> {
      return [...members].map(([name, set]) => ({
        name,
        members: [...set].map((m) => m.id),
        presence: [...(presence.get(name) ?? [])].map(([key, p]) => ({ key, member: p.member.id, state: p.state })),
      }))
    },
    stats() {
      let presences = 0
      for (const m of presence.values()) presences += m.size
      return { channels: members.size, presences }
    },
  }
}

export type Channels = ReturnType<typeof createChannels>
