// renderer/src/features/status/StatusPage.tsx — the studio's first page: is the local stack up, and
// what does an app need to connect to it. Layout only; each piece reads its own store field.
import type { ReactElement } from 'react'
import { ConnectCard } from './ConnectCard'
import { ConnectionNotice } from './ConnectionNotice'
import { RuntimeCard } from './RuntimeCard'
import { TopBar } from './TopBar'

export function StatusPage(): ReactElement {
  return (
    <div className="app">
      <TopBar />
      <main className="page">
        <section className="intro">
          <h1 className="intro__title">Your local Fluxbase</h1>
          <p className="intro__text">
            PostgreSQL, the Fluxbase API and this studio, all running on this machine. Copy what your app needs below.
          </p>
        </section>
        <ConnectionNotice />
        <div className="status-grid">
          <ConnectCard />
          <RuntimeCard />
        </div>
      </main>
    </div>
  )
}
