// renderer/src/features/overview/OverviewView.tsx — the studio's start view: is the local stack up, and what an
// app needs to connect to it (API URL, keys, database URL, a createClient snippet), and the types file it keeps current.
import type { ReactElement } from 'react'
import { ConnectCard } from '../status/ConnectCard'
import { ConnectionNotice } from '../status/ConnectionNotice'
import { RuntimeCard } from '../status/RuntimeCard'
import { ServerNotices } from '../status/ServerNotices'
import { ClientSnippet } from './ClientSnippet'
import { TypesFileCard } from './TypesFileCard'
import '../../styles/status-page.css'

export function OverviewView(): ReactElement {
  return (
    <div className="page page--overview">
      <section className="intro">
        <h1 className="intro__title">Your local Fluxbase</h1>
        <p className="intro__text">PostgreSQL, the Fluxbase API and this studio, all running on this machine. Copy what your app needs below.</p>
      </section>
      <ConnectionNotice />
      <ServerNotices />
      <div className="status-grid">
        <ConnectCard />
        <RuntimeCard />
      </div>
      <ClientSnippet />
      <TypesFileCard />
    </div>
  )
}
